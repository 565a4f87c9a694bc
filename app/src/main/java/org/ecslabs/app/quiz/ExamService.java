package org.ecslabs.app.quiz;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Timed exams: draws one by the blueprint, keeps answers and flags as they are given, and scores
 * it on submit or, once the time is up, on the next look at it (so an abandoned tab or a restart
 * still ends the exam when the clock says so). Thread-safe: state lives in the database, and a
 * submit happens once because the store only marks an unsubmitted session.
 */
public final class ExamService {
    private final QuestionBank bank;
    private final QuizStore store;
    private final Clock clock;
    private final Random seeds;

    public ExamService(QuestionBank bank, QuizStore store, Clock clock, Random seeds) {
        this.bank = bank;
        this.store = store;
        this.clock = clock;
        this.seeds = seeds;
    }

    /** One question as the review shows it after the exam. */
    public record ReviewItem(Question question, List<Integer> order, Set<Integer> selected, boolean correct, boolean flagged) {
    }

    /** The finished exam: the score, the breakdown and every question with its explanations. */
    public record Report(ExamSession session, ExamBlueprint blueprint, Scoring.Result result, List<ReviewItem> items) {
    }

    public ExamSession start(String learnerId, String blueprintId) {
        ExamBlueprint blueprint = blueprint(blueprintId);
        long seed = seeds.nextLong();
        Set<String> answered = store.responses(learnerId).stream().map(QuizStore.Response::questionId)
                .collect(Collectors.toSet());
        List<String> ids = ExamDraw.draw(bank, blueprint, seed, answered);
        if (ids.isEmpty()) {
            throw new QuizException(QuizException.Kind.CONFLICT, "The question bank has no questions for this exam.");
        }
        Random shuffle = new Random(seed);
        Map<String, List<Integer>> orders = new LinkedHashMap<>();
        for (String id : ids) {
            orders.put(id, ExamDraw.optionOrder(question(id).options().size(), shuffle));
        }
        Instant now = clock.instant();
        ExamSession session = new ExamSession(UUID.randomUUID().toString(), learnerId, blueprintId, ids, orders, now,
                now.plusSeconds(blueprint.minutes() * 60L), null, Map.of(), Set.of());
        store.createSession(session);
        return session;
    }

    /** The learner's session, submitted first if its time ran out. Another learner's session is not found. */
    public ExamSession session(String sessionId, String learnerId) {
        ExamSession session = store.session(sessionId)
                .filter(found -> found.learnerId().equals(learnerId))
                .orElseThrow(() -> new QuizException(QuizException.Kind.NOT_FOUND, "No such exam."));
        if (!session.submitted() && session.expired(clock.instant())) {
            submit(session);
            return store.session(sessionId).orElseThrow();
        }
        return session;
    }

    /**
     * Records an answer (option indexes in the question's own order) and its flag.
     * Refused once the exam is over.
     */
    public void answer(String sessionId, String learnerId, String questionId, Set<Integer> selected, boolean flagged) {
        ExamSession session = session(sessionId, learnerId);
        if (session.submitted()) {
            throw new QuizException(QuizException.Kind.CONFLICT, "This exam is over: answers can no longer change.");
        }
        if (!session.questionIds().contains(questionId)) {
            throw new QuizException(QuizException.Kind.BAD_INPUT, "Question " + questionId + " is not part of this exam.");
        }
        int optionCount = question(questionId).options().size();
        if (selected.stream().anyMatch(i -> i < 0 || i >= optionCount)) {
            throw new QuizException(QuizException.Kind.BAD_INPUT, "An answer names an option the question does not have.");
        }
        store.saveAnswer(sessionId, questionId, selected, flagged);
    }

    public Report submit(String sessionId, String learnerId) {
        ExamSession session = session(sessionId, learnerId);
        if (!session.submitted()) {
            submit(session);
        }
        return report(sessionId, learnerId);
    }

    public Report report(String sessionId, String learnerId) {
        ExamSession session = session(sessionId, learnerId);
        if (!session.submitted()) {
            throw new QuizException(QuizException.Kind.CONFLICT, "The exam is still running: submit it to see the results.");
        }
        ExamBlueprint blueprint = blueprint(session.blueprintId());
        List<Question> questions = session.questionIds().stream().map(this::question).toList();
        Scoring.Result result = Scoring.score(questions, session.answers(), blueprint.passingScore());
        List<ReviewItem> items = new ArrayList<>();
        for (Question question : questions) {
            Set<Integer> selected = session.answers().getOrDefault(question.id(), Set.of());
            items.add(new ReviewItem(question, session.optionOrders().get(question.id()), selected,
                    question.isCorrect(selected), session.flagged().contains(question.id())));
        }
        return new Report(session, blueprint, result, items);
    }

    private void submit(ExamSession session) {
        ExamBlueprint blueprint = blueprint(session.blueprintId());
        List<Question> questions = session.questionIds().stream().map(this::question).toList();
        Scoring.Result result = Scoring.score(questions, session.answers(), blueprint.passingScore());
        Instant now = clock.instant();
        Instant submittedAt = now.isAfter(session.deadline()) ? session.deadline() : now;
        if (!store.markSubmitted(session.id(), submittedAt, result)) {
            return;
        }
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (Question question : questions) {
            Set<Integer> selected = session.answers().getOrDefault(question.id(), Set.of());
            boolean right = question.isCorrect(selected);
            store.recordResponse(session.learnerId(), question.id(), "exam", selected, right, now);
            ReviewSchedule.afterAnswer(store, session.learnerId(), question.id(), right, today);
        }
    }

    private ExamBlueprint blueprint(String id) {
        ExamBlueprint blueprint = bank.exams().get(id);
        if (blueprint == null) {
            throw new QuizException(QuizException.Kind.NOT_FOUND, "No exam called '" + id + "'.");
        }
        return blueprint;
    }

    private Question question(String id) {
        return bank.byId(id).orElseThrow(() ->
                new QuizException(QuizException.Kind.CONFLICT, "Question " + id + " is no longer in the bank."));
    }
}
