package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.ecslabs.app.content.ExamDomain;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The balance of the bank we ship, printed by every build and held to issue 14's rules: no
 * near-duplicate pairs, secure at the exam guide's weight or more, option lengths that do not
 * give the answer away, and no reference to a lesson or lab that does not exist.
 */
class QuestionBankBalanceTest {
    /** Tuned on the bank: the rewritten pairs of the first review scored 0.25 to 1.0, distinct questions on one topic stay under 0.22. */
    static final double NEAR_DUPLICATE = 0.25;
    static final double LONGEST_IS_RIGHT_MAX = 35.0;

    private static QuestionBank bank;

    @BeforeAll
    static void load() {
        bank = ShippedBank.load();
    }

    private static String percent(long part, long whole) {
        return String.format(Locale.ROOT, "%d (%.1f%%)", part, 100.0 * part / whole);
    }

    private static <K> Map<K, Long> count(Function<Question, K> key) {
        return bank.all().stream().collect(Collectors.groupingBy(key, TreeMap::new, Collectors.counting()));
    }

    @Test
    void everyDomainsShareIsPrintedAndSecureHasItsExamWeight() {
        int total = bank.all().size();
        System.out.println("bank report: " + total + " questions");
        for (ExamDomain domain : ExamDomain.values()) {
            System.out.println("  domain " + domain.id() + ": " + percent(bank.examCandidates(domain).size(), total)
                    + ", the exam guide says " + domain.weight() + "%; exam-only " + bank.examCandidates(domain).stream()
                    .filter(question -> bank.isExamOnly(question.id())).count());
        }
        count(Question::topic).forEach((topic, n) -> System.out.println("  topic " + topic + ": " + n));
        count(Question::difficulty).forEach((difficulty, n) -> System.out.println("  difficulty " + difficulty + ": " + percent(n, total)));

        double secure = 100.0 * bank.examCandidates(ExamDomain.SECURE).size() / total;
        assertThat(secure).as("secure share of the bank in percent").isGreaterThanOrEqualTo(ExamDomain.SECURE.weight());
    }

    @Test
    void theLongestOptionIsRarelyTheRightOne() {
        double rate = BankBalance.longestIsRightPercent(bank.all());
        List<Question> giveaways = bank.all().stream()
                .filter(question -> !question.multipleAnswer() && BankBalance.longestIsRight(question)).toList();
        System.out.printf(Locale.ROOT, "bank report: the longest option is the right one in %.1f%% of single-answer questions (%d)%n",
                rate, giveaways.size());
        assertThat(rate).as("longest-is-right rate in percent").isLessThanOrEqualTo(LONGEST_IS_RIGHT_MAX);
    }

    @Test
    void noTwoQuestionsAreNearDuplicates() {
        List<BankBalance.Pair> pairs = BankBalance.nearDuplicates(bank.all(), NEAR_DUPLICATE);
        System.out.println("bank report: " + pairs.size() + " near-duplicate pairs (word similarity >= " + NEAR_DUPLICATE + ")");
        pairs.forEach(pair -> System.out.println("  " + pair.describe()));
        assertThat(pairs).extracting(BankBalance.Pair::describe).as("near-duplicate questions: merge or rewrite one of each pair").isEmpty();
    }

    @Test
    void everyLessonAndLabAQuestionNamesExists() {
        List<String> lessons = ShippedBank.baseNames("content");
        List<String> labs = ShippedBank.baseNames("labs");
        List<String> unknown = bank.all().stream().flatMap(question -> {
            java.util.stream.Stream.Builder<String> problems = java.util.stream.Stream.builder();
            if (!lessons.contains(question.lesson())) {
                problems.add(question.source() + ": question " + question.id() + " names lesson '" + question.lesson() + "', which does not exist");
            }
            if (!question.lab().isBlank() && !labs.contains(question.lab())) {
                problems.add(question.source() + ": question " + question.id() + " names lab '" + question.lab() + "', which does not exist");
            }
            return problems.build();
        }).toList();
        unknown.forEach(problem -> System.out.println("bank report: " + problem));
        assertThat(unknown).isEmpty();
    }
}
