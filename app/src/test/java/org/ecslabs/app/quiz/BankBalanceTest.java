package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.ecslabs.app.content.ExamDomain;
import org.junit.jupiter.api.Test;

/** The measures behind the bank report, on questions small enough to check by hand. */
class BankBalanceTest {
    private static Question question(String id, String stem, String right, String... wrong) {
        List<Question.Option> options = new java.util.ArrayList<>();
        options.add(new Question.Option(right, true, "why"));
        for (String text : wrong) {
            options.add(new Question.Option(text, false, "why"));
        }
        return new Question(id, "t", "l", "", ExamDomain.COST, "easy", stem, options, "quizzes/t.md:" + id.length());
    }

    @Test
    void aRewordedQuestionIsFlaggedAndADifferentOneOnTheSameTopicIsNot() {
        Question original = question("a", "A service runs 6 tasks with FARGATE base 2 weight 1 and FARGATE_SPOT weight 3. How many run on Spot?",
                "3", "2", "4");
        Question reworded = question("b", "With FARGATE base 2 weight 1 and FARGATE_SPOT weight 3, a service runs 6 tasks. How many tasks are on Spot?",
                "3", "4", "2");
        Question other = question("c", "Which role does ECS use to pull a private image from Amazon ECR for a Fargate task?",
                "The task execution role", "The task role", "The service-linked role");

        List<BankBalance.Pair> pairs = BankBalance.nearDuplicates(List.of(original, reworded, other), 0.25);

        assertThat(pairs).extracting(pair -> pair.first().id() + pair.second().id()).containsExactly("ab");
        assertThat(pairs.get(0).describe()).contains("quizzes/t.md:1 a", "quizzes/t.md:1 b");
    }

    @Test
    void stopWordsAndCaseDoNotCount() {
        assertThat(BankBalance.words(question("a", "The Task ROLE of the app", "Yes", "No")))
                .containsExactlyInAnyOrder("task", "role", "app", "yes", "no");
    }

    @Test
    void theLongestIsRightRateCountsOnlySingleAnswerQuestionsWithOneLongestOption() {
        Question giveaway = question("a", "stem", "the long right answer", "short", "shorter");
        Question fair = question("b", "stem", "right", "a much longer wrong answer", "wrong");
        Question tie = question("c", "stem", "same", "size", "four");
        List<Question.Option> two = List.of(new Question.Option("the longest right one", true, "why"),
                new Question.Option("right", true, "why"), new Question.Option("no", false, "why"));
        Question multiple = new Question("d", "t", "l", "", ExamDomain.COST, "easy", "stem (Choose two.)", two, "f:1");

        assertThat(BankBalance.longestIsRight(giveaway)).isTrue();
        assertThat(BankBalance.longestIsRight(tie)).isFalse();
        assertThat(BankBalance.longestIsRightPercent(List.of(giveaway, fair, tie, multiple))).isCloseTo(100.0 / 3, org.assertj.core.data.Offset.offset(0.01));
    }
}
