package org.ecslabs.app.quiz;

import static org.ecslabs.app.quiz.QuizViews.guarded;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.lab.LabDirectory;
import org.ecslabs.app.lesson.Lesson;
import org.ecslabs.app.lesson.LessonCatalog;
import org.ecslabs.app.web.CurrentLearner;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.Frame;
import org.ecslabs.app.web.Templates;

/** The quiz index (what to practise, exams, review queue, results, weak areas) and the stats API. */
public final class QuizIndexRoutes implements Feature {
    private static final int WEAK_AREAS = 2;
    private static final int RECENT_RESULTS = 5;
    private final QuestionBank bank;
    private final PracticeService practice;
    private final ExamService exams;
    private final QuizStore store;
    private final LessonCatalog lessons;
    private final LabDirectory labs;
    private final CurrentLearner learners;
    private final Templates templates;
    private final Clock clock;

    public QuizIndexRoutes(QuestionBank bank, PracticeService practice, ExamService exams, QuizStore store,
                           LessonCatalog lessons, LabDirectory labs, CurrentLearner learners, Templates templates,
                           Clock clock) {
        this.bank = bank;
        this.practice = practice;
        this.exams = exams;
        this.store = store;
        this.lessons = lessons;
        this.labs = labs;
        this.learners = learners;
        this.templates = templates;
        this.clock = clock;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/quizzes", guarded(this::index));
        routes.get("/api/quizzes/stats", ctx -> ctx.json(bank.stats()));
    }

    private void index(Context ctx) {
        String learner = learners.of(ctx).id();
        // Topics in course order (by the lesson that teaches them), so practice follows the lessons.
        List<QuizIndexPage.TopicRow> topics = bank.topics().entrySet().stream()
                .map(topic -> new QuizIndexPage.TopicRow(topic.getKey(), topic.getValue(), bank.byTopic(topic.getKey()).size()))
                .sorted(Comparator.comparingInt(topic -> courseOrder(topic.id())))
                .toList();
        List<QuizIndexPage.DomainRow> domains = List.of(ExamDomain.values()).stream()
                .map(domain -> new QuizIndexPage.DomainRow(domain, bank.byDomain(domain).size())).toList();
        List<QuizIndexPage.RunningExam> running = new ArrayList<>();
        Instant now = clock.instant();
        for (ExamSession listed : store.sessions(learner)) {
            if (listed.submitted()) {
                continue;
            }
            // Looking at a session submits it once its time is up, so it moves to the results.
            ExamSession session = exams.session(listed.id(), learner);
            if (!session.submitted()) {
                running.add(new QuizIndexPage.RunningExam(examTitle(session.blueprintId()), session.answeredCount(),
                        session.questionIds().size(), (session.secondsLeft(now) + 59) / 60,
                        "/exams/session/" + session.id() + "/q/" + ExamRoutes.resumeAt(session)));
            }
        }
        List<QuizIndexPage.ResultRow> results = store.results(learner, RECENT_RESULTS).stream()
                .map(result -> new QuizIndexPage.ResultRow(examTitle(result.blueprintId()),
                        LocalDate.ofInstant(result.submittedAt(), ZoneOffset.UTC), result.scaledScore(), result.passed(),
                        result.correct(), result.total(), "/exams/session/" + result.sessionId() + "/result"))
                .toList();
        templates.page(ctx, "quiz/index.jte", new QuizIndexPage(new Frame("Quizzes and exams", "quizzes"),
                bank.all().size(), topics, domains, examSummaries(), practice.due(learner).size(), running, results,
                weakAreas(learner)));
    }

    private int courseOrder(String topic) {
        return bank.byTopic(topic).stream().findFirst().flatMap(question -> lessons.find(question.lesson()))
                .map(Lesson::order).orElse(Integer.MAX_VALUE);
    }

    private List<ExamSummary> examSummaries() {
        return bank.exams().values().stream().map(ExamSummary::of).toList();
    }

    private String examTitle(String blueprintId) {
        ExamBlueprint blueprint = bank.exams().get(blueprintId);
        return blueprint == null ? blueprintId : blueprint.title();
    }

    /**
     * The weakest domains, each with the lessons tagged with it and the labs its questions name;
     * what the learner missed most comes first.
     */
    private List<QuizIndexPage.WeakArea> weakAreas(String learner) {
        Map<String, Integer> missedByLesson = new HashMap<>();
        Map<String, Integer> missedByLab = new HashMap<>();
        for (QuizStore.Response response : store.responses(learner)) {
            if (!response.correct()) {
                bank.byId(response.questionId()).ifPresent(question -> {
                    missedByLesson.merge(question.lesson(), 1, Integer::sum);
                    missedByLab.merge(question.lab(), 1, Integer::sum);
                });
            }
        }
        List<QuizIndexPage.WeakArea> areas = new ArrayList<>();
        for (PracticeService.DomainStanding standing : practice.standings(learner)) {
            if (areas.size() == WEAK_AREAS || standing.percent() == 100) {
                break;
            }
            ExamDomain domain = standing.domain();
            List<QuizViews.Link> domainLessons = lessons.all().stream()
                    .filter(lesson -> lesson.domains().contains(domain))
                    .sorted(Comparator.comparingInt((Lesson lesson) -> -missedByLesson.getOrDefault(lesson.slug(), 0)))
                    .limit(4)
                    .map(lesson -> new QuizViews.Link(lesson.title(), "/lessons/" + lesson.slug()))
                    .toList();
            Set<String> labIds = new LinkedHashSet<>();
            bank.byDomain(domain).stream().map(Question::lab).filter(lab -> !lab.isBlank())
                    .sorted(Comparator.comparingInt((String lab) -> -missedByLab.getOrDefault(lab, 0)))
                    .forEach(labIds::add);
            List<QuizViews.Link> domainLabs = labIds.stream().map(labs::find).flatMap(Optional::stream).limit(3)
                    .map(lab -> new QuizViews.Link(lab.title(), lab.url())).toList();
            areas.add(new QuizIndexPage.WeakArea(domain, standing.percent(), standing.answered(), domainLessons, domainLabs));
        }
        return areas;
    }
}
