package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.ecslabs.app.content.ExamDomain;
import org.junit.jupiter.api.Test;

/** The question bank we ship: it parses, it is big enough, and every exam can be drawn in full. */
class QuestionBankContentTest {

    @Test
    void theShippedBankParsesAndCoversEveryDomain() {
        QuestionBank bank = ShippedBank.load();
        Map<String, Object> stats = bank.stats();
        System.out.println("question bank: " + stats);

        assertThat(bank.all()).hasSizeGreaterThanOrEqualTo(300);
        for (ExamDomain domain : ExamDomain.values()) {
            assertThat(bank.byDomain(domain)).as("practice " + domain.id()).hasSizeGreaterThanOrEqualTo(20);
        }
        for (Question question : bank.all()) {
            assertThat(question.options()).allSatisfy(option -> assertThat(option.explanation()).isNotBlank());
        }
    }

    @Test
    void everyExamCanBeDrawnInFullByItsWeights() {
        QuestionBank bank = ShippedBank.load();
        assertThat(bank.exams()).isNotEmpty();
        for (ExamBlueprint blueprint : bank.exams().values()) {
            Map<ExamDomain, Integer> quota = ExamDraw.quota(blueprint.weights(), blueprint.questions());
            quota.forEach((domain, count) ->
                    assertThat(bank.examCandidates(domain)).as(blueprint.id() + " needs " + count + " " + domain.id()).hasSizeGreaterThanOrEqualTo(count));
            assertThat(ExamDraw.draw(bank, blueprint, 1)).hasSize(blueprint.questions()).doesNotHaveDuplicates();
        }
    }

    @Test
    void theExamOnlyPoolHoldsTwoFullIndependentAttemptsOfEveryExam() {
        QuestionBank bank = ShippedBank.load();
        for (ExamBlueprint blueprint : bank.exams().values()) {
            ExamDraw.quota(blueprint.weights(), blueprint.questions()).forEach((domain, count) -> {
                long examOnly = bank.examCandidates(domain).stream().filter(q -> bank.isExamOnly(q.id())).count();
                System.out.println("exam pool: " + blueprint.id() + " takes " + count + " " + domain.id()
                        + " per attempt; the exam-only pool has " + examOnly);
                assertThat(examOnly).as(blueprint.id() + ": exam-only " + domain.id()).isGreaterThanOrEqualTo(2L * count);
            });
            List<String> first = ExamDraw.draw(bank, blueprint, 11);
            List<String> second = ExamDraw.draw(bank, blueprint, 12, new HashSet<>(first));
            assertThat(first).allMatch(bank::isExamOnly);
            assertThat(second).allMatch(bank::isExamOnly).noneMatch(Set.copyOf(first)::contains);
        }
    }
}
