package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.app.content.ExamDomain;
import org.junit.jupiter.api.Test;

class ScoringTest {
    private static Question question(String id, ExamDomain domain, boolean... correct) {
        List<Question.Option> options = new ArrayList<>();
        for (boolean c : correct) {
            options.add(new Question.Option("o", c, "why"));
        }
        return new Question(id, "t", "l", "", domain, "easy", "stem", options, "f:1");
    }

    @Test
    void multipleAnswerNeedsExactlyTheRightSet() {
        Question q = question("q", ExamDomain.SECURE, true, false, true, false);
        assertThat(q.isCorrect(Set.of(0, 2))).isTrue();
        assertThat(q.isCorrect(Set.of(0))).isFalse();
        assertThat(q.isCorrect(Set.of(0, 1, 2))).isFalse();
    }

    @Test
    void scaledScoreRunsFrom100To1000() {
        assertThat(Scoring.scaled(0, 65)).isEqualTo(100);
        assertThat(Scoring.scaled(65, 65)).isEqualTo(1000);
        assertThat(Scoring.scaled(47, 65)).isEqualTo(751);
        assertThat(Scoring.scaled(40, 65)).isEqualTo(654);
    }

    @Test
    void resultHasPassFailAndADomainBreakdown() {
        List<Question> questions = List.of(
                question("s1", ExamDomain.SECURE, true, false),
                question("s2", ExamDomain.SECURE, false, true),
                question("c1", ExamDomain.COST, true, false, true),
                question("r1", ExamDomain.RESILIENT, true, false));
        Map<String, Set<Integer>> answers = Map.of("s1", Set.of(0), "s2", Set.of(0), "c1", Set.of(0, 2));

        Scoring.Result result = Scoring.score(questions, answers, 720);

        assertThat(result.correct()).isEqualTo(2);
        assertThat(result.scaledScore()).isEqualTo(550);
        assertThat(result.passed()).isFalse();
        assertThat(result.byDomain().get(ExamDomain.SECURE)).isEqualTo(new Scoring.DomainScore(ExamDomain.SECURE, 1, 2));
        assertThat(result.byDomain().get(ExamDomain.SECURE).percent()).isEqualTo(50);
        assertThat(result.byDomain().get(ExamDomain.COST).percent()).isEqualTo(100);
        assertThat(result.byDomain().get(ExamDomain.RESILIENT).correct()).isZero();
        assertThat(result.byDomain()).doesNotContainKey(ExamDomain.PERFORMANT);
    }

    @Test
    void quotaFollowsTheWeightsAndAddsUp() {
        Map<ExamDomain, Integer> weights = Map.of(ExamDomain.SECURE, 30, ExamDomain.RESILIENT, 26, ExamDomain.PERFORMANT, 24, ExamDomain.COST, 20);
        Map<ExamDomain, Integer> quota = ExamDraw.quota(weights, 65);
        assertThat(quota).containsEntry(ExamDomain.SECURE, 19).containsEntry(ExamDomain.RESILIENT, 17)
                .containsEntry(ExamDomain.PERFORMANT, 16).containsEntry(ExamDomain.COST, 13);
        assertThat(quota.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(65);
    }

    @Test
    void drawTakesDomainsByWeightWithoutRepeatsAndIsRepeatableBySeed() {
        List<Question> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(question("s" + i, ExamDomain.SECURE, true, false));
            all.add(question("c" + i, ExamDomain.COST, true, false));
        }
        QuestionBank bank = QuestionBank.load(List.of(), List.of()).with(all);
        ExamBlueprint blueprint = new ExamBlueprint("x", "X", "", 10, 20, 720, Map.of(ExamDomain.SECURE, 70, ExamDomain.COST, 30));

        List<String> drawn = ExamDraw.draw(bank, blueprint, 42);

        assertThat(drawn).hasSize(10).doesNotHaveDuplicates();
        assertThat(drawn.stream().filter(id -> id.startsWith("s"))).hasSize(7);
        assertThat(ExamDraw.draw(bank, blueprint, 42)).isEqualTo(drawn);
        assertThat(new HashSet<>(ExamDraw.draw(bank, blueprint, 7))).isNotEqualTo(new HashSet<>(drawn));
    }

    @Test
    void aDomainShortOfQuestionsGivesItsPlacesToOthers() {
        List<Question> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(question("s" + i, ExamDomain.SECURE, true, false));
        }
        all.add(question("c0", ExamDomain.COST, true, false));
        QuestionBank bank = QuestionBank.load(List.of(), List.of()).with(all);
        ExamBlueprint blueprint = new ExamBlueprint("x", "X", "", 6, 20, 720, Map.of(ExamDomain.SECURE, 50, ExamDomain.COST, 50));
        List<String> drawn = ExamDraw.draw(bank, blueprint, 1);
        assertThat(drawn).hasSize(6).contains("c0");
    }
}
