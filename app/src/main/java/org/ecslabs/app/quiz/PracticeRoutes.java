package org.ecslabs.app.quiz;

import static org.ecslabs.app.quiz.QuizViews.guarded;

import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.web.Csrf;
import org.ecslabs.app.web.CurrentLearner;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.FormRejected;
import org.ecslabs.app.web.Frame;
import org.ecslabs.app.web.Templates;

/** Practice by topic or domain and review of due questions: one question at a time, plain forms, instant feedback. */
public final class PracticeRoutes implements Feature {
    private static final String CHOOSE_FIRST = "Choose an answer first.";
    private final QuestionBank bank;
    private final PracticeService practice;
    private final QuizStore store;
    private final QuizViews views;
    private final CurrentLearner learners;
    private final Templates templates;

    public PracticeRoutes(QuestionBank bank, PracticeService practice, QuizStore store, QuizViews views,
                          CurrentLearner learners, Templates templates) {
        this.bank = bank;
        this.practice = practice;
        this.store = store;
        this.views = views;
        this.learners = learners;
        this.templates = templates;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/quizzes/practice", guarded(this::practiceQuestion));
        routes.post("/quizzes/practice", guarded(this::practiceAnswer));
        routes.get("/quizzes/review", guarded(this::reviewQuestion));
        routes.post("/quizzes/review", guarded(this::reviewAnswer));
    }

    /** The practice scope from ?topic= or ?domain= (query or form): its questions, title and form fields. */
    private record Scope(String heading, List<Question> questions, Map<String, String> fields) {
        String query() {
            return fields.entrySet().stream()
                    .map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
                    .reduce((a, b) -> a + "&" + b).orElse("");
        }
    }

    private Scope scope(Context ctx) {
        String topic = param(ctx, "topic");
        String domain = param(ctx, "domain");
        if (topic != null && bank.topics().containsKey(topic)) {
            return new Scope(bank.topics().get(topic), bank.byTopic(topic), Map.of("topic", topic));
        }
        if (domain != null) {
            Optional<ExamDomain> found = ExamDomain.byId(domain);
            if (found.isPresent()) {
                return new Scope(found.get().title(), bank.byDomain(found.get()), Map.of("domain", domain));
            }
        }
        if (topic == null && domain == null) {
            throw new BadRequestResponse("Choose a topic or a domain to practise from the quiz page.");
        }
        throw new NotFoundResponse("There is no topic or domain called '" + (topic != null ? topic : domain) + "'.");
    }

    private static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null && ctx.isFormUrlencoded()) {
            value = ctx.formParam(name);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private void practiceQuestion(Context ctx) {
        Scope scope = scope(ctx);
        String learner = learners.of(ctx).id();
        String chosen = ctx.queryParam("q");
        Question question = chosen != null
                ? scope.questions().stream().filter(q -> q.id().equals(chosen)).findFirst()
                        .orElseThrow(() -> new NotFoundResponse("Question '" + chosen + "' is not in " + scope.heading() + "."))
                : nextToPractise(learner, scope.questions());
        templates.page(ctx, "quiz/question.jte", practicePage(ctx, scope, question, null, null));
    }

    /** The first question never answered, else the one answered longest ago. */
    private Question nextToPractise(String learner, List<Question> questions) {
        Map<String, Instant> lastAnswered = new HashMap<>();
        store.responses(learner).forEach(response -> lastAnswered.put(response.questionId(), response.answeredAt()));
        return questions.stream()
                .min(Comparator.comparing((Question q) -> lastAnswered.getOrDefault(q.id(), Instant.EPOCH)))
                .orElseThrow(() -> new NotFoundResponse("There are no questions here yet."));
    }

    private void practiceAnswer(Context ctx) {
        Scope scope = scope(ctx);
        Question question = questionFromForm(ctx, "practice");
        Set<Integer> selected = selected(ctx);
        if (selected.isEmpty()) {
            throw new FormRejected(400, CHOOSE_FIRST, "quiz/question.jte",
                    practicePage(ctx, scope, question, null, CHOOSE_FIRST));
        }
        PracticeService.Feedback feedback = practice.answer(learners.of(ctx).id(), question.id(), selected, "practice");
        templates.page(ctx, "quiz/question.jte", practicePage(ctx, scope, question,
                new QuestionPage.Feedback(feedback.selected(), feedback.correct()), null));
    }

    private QuestionPage practicePage(Context ctx, Scope scope, Question question, QuestionPage.Feedback feedback,
                                      String error) {
        int position = scope.questions().indexOf(question) + 1;
        String status = "Question " + position + " of " + scope.questions().size();
        return new QuestionPage(new Frame("Practice: " + scope.heading(), "quizzes"), "practice", scope.heading(), status,
                views.render(question), feedback, views.teaching(question), scope.fields(), "/quizzes/practice",
                "/quizzes/practice?" + scope.query(), error, null, Csrf.token(ctx));
    }

    private void reviewQuestion(Context ctx) {
        List<Question> due = practice.due(learners.of(ctx).id());
        Question question = due.isEmpty() ? null : due.get(0);
        templates.page(ctx, "quiz/question.jte", reviewPage(ctx, question, due.size(), null, null));
    }

    private void reviewAnswer(Context ctx) {
        String learner = learners.of(ctx).id();
        Question question = questionFromForm(ctx, "review");
        Set<Integer> selected = selected(ctx);
        if (selected.isEmpty()) {
            throw new FormRejected(400, CHOOSE_FIRST, "quiz/question.jte",
                    reviewPage(ctx, question, practice.due(learner).size(), null, CHOOSE_FIRST));
        }
        PracticeService.Feedback feedback = practice.answer(learner, question.id(), selected, "review");
        templates.page(ctx, "quiz/question.jte", reviewPage(ctx, question, practice.due(learner).size(),
                new QuestionPage.Feedback(feedback.selected(), feedback.correct()), null));
    }

    private QuestionPage reviewPage(Context ctx, Question question, int dueCount, QuestionPage.Feedback feedback,
                                    String error) {
        String status = feedback == null
                ? dueCount + (dueCount == 1 ? " question" : " questions") + " due for review today"
                : dueCount == 0 ? "That was the last question due today." : dueCount + " more due today";
        return new QuestionPage(new Frame("Review", "quizzes"), "review", "Review", status,
                question == null ? null : views.render(question), feedback,
                question == null ? List.of() : views.teaching(question), Map.of(), "/quizzes/review", "/quizzes/review",
                error, "Nothing is due for review today. Questions you miss come back here on the day they are due.",
                Csrf.token(ctx));
    }

    private Question questionFromForm(Context ctx, String mode) {
        String id = ctx.formParam("question");
        if (id == null || id.isBlank()) {
            throw new BadRequestResponse("The form did not say which question it answers.");
        }
        return bank.questionFor(mode, id).orElseThrow(() -> new NotFoundResponse("There is no question called '" + id + "'."));
    }

    /** The chosen option indexes from the form's {@code option} fields. */
    static Set<Integer> selected(Context ctx) {
        Set<Integer> selected = new TreeSet<>();
        for (String value : ctx.formParams("option")) {
            try {
                selected.add(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new BadRequestResponse("An answer names an option the question does not have.");
            }
        }
        return selected;
    }
}
