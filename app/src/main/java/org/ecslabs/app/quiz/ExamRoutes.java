package org.ecslabs.app.quiz;

import static org.ecslabs.app.quiz.QuizViews.guarded;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.markdown.MarkdownRenderer;
import org.ecslabs.app.web.Csrf;
import org.ecslabs.app.web.CurrentLearner;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.Frame;
import org.ecslabs.app.web.Templates;

/**
 * Timed exams: the list, a blueprint's page, starting a session, one question per page (answers
 * and flags saved by every navigation, so a reload or a restart resumes with the time left), the
 * finish confirmation and the result with a full review.
 */
public final class ExamRoutes implements Feature {
    private final QuestionBank bank;
    private final ExamService exams;
    private final QuizStore store;
    private final QuizViews views;
    private final MarkdownRenderer markdown;
    private final CurrentLearner learners;
    private final Templates templates;
    private final Clock clock;

    public ExamRoutes(QuestionBank bank, ExamService exams, QuizStore store, QuizViews views, MarkdownRenderer markdown,
                      CurrentLearner learners, Templates templates, Clock clock) {
        this.bank = bank;
        this.exams = exams;
        this.store = store;
        this.views = views;
        this.markdown = markdown;
        this.learners = learners;
        this.templates = templates;
        this.clock = clock;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/exams", guarded(this::list));
        routes.get("/exams/{id}", guarded(this::blueprint));
        routes.post("/exams/{id}/start", guarded(this::start));
        routes.get("/exams/session/{session}/q/{n}", guarded(this::question));
        routes.post("/exams/session/{session}/q/{n}", guarded(this::save));
        routes.get("/exams/session/{session}/finish", guarded(this::finish));
        routes.post("/exams/session/{session}/submit", guarded(this::submit));
        routes.get("/exams/session/{session}/result", guarded(this::result));
    }

    /** Where to resume a session: its first unanswered question, else the first. */
    static int resumeAt(ExamSession session) {
        List<String> ids = session.questionIds();
        for (int i = 0; i < ids.size(); i++) {
            if (session.answers().getOrDefault(ids.get(i), Set.of()).isEmpty()) {
                return i + 1;
            }
        }
        return 1;
    }

    private void list(Context ctx) {
        templates.page(ctx, "quiz/exams.jte", new ExamPages.ListPage(new Frame("Practice exams", "quizzes"),
                bank.exams().values().stream().map(ExamSummary::of).toList()));
    }

    private void blueprint(Context ctx) {
        ExamBlueprint blueprint = blueprintOf(ctx);
        Map<ExamDomain, Integer> quota = ExamDraw.quota(blueprint.weights(), blueprint.questions());
        List<ExamPages.Weight> weights = new ArrayList<>();
        for (ExamDomain domain : ExamDomain.values()) {
            if (blueprint.weights().containsKey(domain)) {
                weights.add(new ExamPages.Weight(domain, blueprint.weights().get(domain), quota.getOrDefault(domain, 0)));
            }
        }
        String learner = learners.of(ctx).id();
        String resume = store.sessions(learner).stream()
                .filter(session -> !session.submitted() && session.blueprintId().equals(blueprint.id()))
                .map(session -> exams.session(session.id(), learner))
                .filter(session -> !session.submitted())
                .map(session -> questionUrl(session.id(), resumeAt(session)))
                .findFirst().orElse(null);
        templates.page(ctx, "quiz/exam.jte", new ExamPages.BlueprintPage(new Frame(blueprint.title(), "quizzes"),
                blueprint, markdown.render(blueprint.description()).html(), weights, resume, Csrf.token(ctx)));
    }

    private void start(Context ctx) {
        ExamBlueprint blueprint = blueprintOf(ctx);
        ExamSession session = exams.start(learners.of(ctx).id(), blueprint.id());
        views.prepare(session.questionIds().stream().map(bank::byId).flatMap(Optional::stream).toList());
        ctx.redirect(questionUrl(session.id(), 1), HttpStatus.SEE_OTHER);
    }

    private void question(Context ctx) {
        ExamSession session = session(ctx);
        if (session.submitted()) {
            ctx.redirect(resultUrl(session.id()), HttpStatus.SEE_OTHER);
            return;
        }
        int number = number(ctx, session);
        String questionId = session.questionIds().get(number - 1);
        RenderedQuestion question = views.render(bank.byId(questionId).orElseThrow(() ->
                new QuizException(QuizException.Kind.CONFLICT, "Question " + questionId + " is no longer in the bank.")));
        String title = blueprintTitle(session);
        templates.page(ctx, "quiz/examQuestion.jte", new ExamPages.QuestionPage(
                new Frame(title + " · question " + number, "quizzes"), session.id(), title, number,
                session.questionIds().size(), question, question.inOrder(session.optionOrders().get(questionId)),
                session.answers().getOrDefault(questionId, Set.of()), session.flagged().contains(questionId),
                session.secondsLeft(clock.instant()), navigator(session, number), session.answeredCount(),
                session.flagged().size(), Csrf.token(ctx)));
    }

    /** Saves the answer and flag of question n, then goes where the pressed button says. */
    private void save(Context ctx) {
        ExamSession session = session(ctx);
        if (session.submitted()) {
            ctx.redirect(resultUrl(session.id()), HttpStatus.SEE_OTHER);
            return;
        }
        int number = number(ctx, session);
        String learner = learners.of(ctx).id();
        boolean flagged = ctx.formParam("flagged") != null;
        try {
            exams.answer(session.id(), learner, session.questionIds().get(number - 1), PracticeRoutes.selected(ctx), flagged);
        } catch (QuizException e) {
            if (exams.session(session.id(), learner).submitted()) {
                // The time ran out between the page and this post: the exam is already scored.
                ctx.redirect(resultUrl(session.id()), HttpStatus.SEE_OTHER);
                return;
            }
            throw e;
        }
        String go = ctx.formParam("go") == null ? "next" : ctx.formParam("go");
        int total = session.questionIds().size();
        switch (go) {
            case "finish" -> ctx.redirect("/exams/session/" + session.id() + "/finish", HttpStatus.SEE_OTHER);
            case "submit" -> {
                exams.submit(session.id(), learner);
                ctx.redirect(resultUrl(session.id()), HttpStatus.SEE_OTHER);
            }
            case "prev" -> ctx.redirect(questionUrl(session.id(), Math.max(1, number - 1)), HttpStatus.SEE_OTHER);
            case "stay" -> ctx.redirect(questionUrl(session.id(), number), HttpStatus.SEE_OTHER);
            case "next" -> ctx.redirect(questionUrl(session.id(), Math.min(total, number + 1)), HttpStatus.SEE_OTHER);
            default -> {
                int target;
                try {
                    target = Integer.parseInt(go);
                } catch (NumberFormatException e) {
                    target = number;
                }
                ctx.redirect(questionUrl(session.id(), Math.max(1, Math.min(total, target))), HttpStatus.SEE_OTHER);
            }
        }
    }

    private void finish(Context ctx) {
        ExamSession session = session(ctx);
        if (session.submitted()) {
            ctx.redirect(resultUrl(session.id()), HttpStatus.SEE_OTHER);
            return;
        }
        List<ExamPages.NavItem> items = navigator(session, 0);
        templates.page(ctx, "quiz/examFinish.jte", new ExamPages.FinishPage(
                new Frame("Finish " + blueprintTitle(session), "quizzes"), session.id(), blueprintTitle(session),
                items.size(), items.stream().filter(item -> !item.answered()).toList(),
                items.stream().filter(ExamPages.NavItem::flagged).toList(), session.secondsLeft(clock.instant()),
                Csrf.token(ctx)));
    }

    private void submit(Context ctx) {
        ExamSession session = session(ctx);
        exams.submit(session.id(), learners.of(ctx).id());
        ctx.redirect(resultUrl(session.id()), HttpStatus.SEE_OTHER);
    }

    private void result(Context ctx) {
        ExamSession session = session(ctx);
        if (!session.submitted()) {
            ctx.redirect(questionUrl(session.id(), resumeAt(session)), HttpStatus.SEE_OTHER);
            return;
        }
        ExamService.Report report = exams.report(session.id(), learners.of(ctx).id());
        List<ExamPages.DomainResult> domains = report.result().byDomain().values().stream()
                .map(score -> new ExamPages.DomainResult(score.domain(), score.correct(), score.total(), score.percent()))
                .toList();
        List<ExamPages.ReviewItem> items = new ArrayList<>();
        int number = 1;
        for (ExamService.ReviewItem item : report.items()) {
            RenderedQuestion question = views.render(item.question());
            items.add(new ExamPages.ReviewItem(number++, question, question.inOrder(item.order()), item.selected(),
                    item.correct(), item.flagged(), views.teaching(item.question())));
        }
        ExamSession finished = report.session();
        templates.page(ctx, "quiz/examResult.jte", new ExamPages.ResultPage(
                new Frame("Result: " + report.blueprint().title(), "quizzes"), report.blueprint(), report.result(),
                finished.submittedAt(), !finished.submittedAt().isBefore(finished.deadline()), domains, items));
    }

    private List<ExamPages.NavItem> navigator(ExamSession session, int current) {
        List<ExamPages.NavItem> items = new ArrayList<>();
        for (int i = 0; i < session.questionIds().size(); i++) {
            String id = session.questionIds().get(i);
            items.add(new ExamPages.NavItem(i + 1, !session.answers().getOrDefault(id, Set.of()).isEmpty(),
                    session.flagged().contains(id), i + 1 == current));
        }
        return items;
    }

    private ExamBlueprint blueprintOf(Context ctx) {
        String id = ctx.pathParam("id");
        ExamBlueprint blueprint = bank.exams().get(id);
        if (blueprint == null) {
            throw new NotFoundResponse("There is no exam called '" + id + "'.");
        }
        return blueprint;
    }

    /** The learner's session; another learner's is not found, like one that never existed. */
    private ExamSession session(Context ctx) {
        return exams.session(ctx.pathParam("session"), learners.of(ctx).id());
    }

    private static int number(Context ctx, ExamSession session) {
        int total = session.questionIds().size();
        return ctx.pathParamAsClass("n", Integer.class)
                .check(n -> n >= 1 && n <= total, "this exam has questions 1 to " + total)
                .getOrThrow(errors -> new NotFoundResponse("This exam has questions 1 to " + total + "."));
    }

    private String blueprintTitle(ExamSession session) {
        ExamBlueprint blueprint = bank.exams().get(session.blueprintId());
        return blueprint == null ? session.blueprintId() : blueprint.title();
    }

    private static String questionUrl(String sessionId, int number) {
        return "/exams/session/" + sessionId + "/q/" + number;
    }

    private static String resultUrl(String sessionId) {
        return "/exams/session/" + sessionId + "/result";
    }
}
