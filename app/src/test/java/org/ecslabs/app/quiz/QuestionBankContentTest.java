package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.ecslabs.app.content.ExamDomain;
import org.junit.jupiter.api.Test;

/** The question bank we ship: it parses, it is big enough, and every exam can be drawn in full. */
class QuestionBankContentTest {
    private static final Path QUIZZES = Path.of("..", "quizzes");

    private static List<QuestionBank.SourceFile> read(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".md")).sorted().map(p -> {
                try {
                    return new QuestionBank.SourceFile("quizzes/" + QUIZZES.relativize(p), Files.readString(p));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void theShippedBankParsesAndCoversEveryDomain() throws IOException {
        QuestionBank bank = QuestionBank.load(read(QUIZZES), read(QUIZZES.resolve("exams")));
        Map<String, Object> stats = bank.stats();
        System.out.println("question bank: " + stats);

        assertThat(bank.all()).hasSizeGreaterThanOrEqualTo(120);
        for (ExamDomain domain : ExamDomain.values()) {
            assertThat(bank.byDomain(domain)).as(domain.id()).hasSizeGreaterThanOrEqualTo(20);
        }
        for (Question question : bank.all()) {
            assertThat(question.options()).allSatisfy(option -> assertThat(option.explanation()).isNotBlank());
        }
    }

    @Test
    void everyExamCanBeDrawnInFullByItsWeights() throws IOException {
        QuestionBank bank = QuestionBank.load(read(QUIZZES), read(QUIZZES.resolve("exams")));
        assertThat(bank.exams()).isNotEmpty();
        for (ExamBlueprint blueprint : bank.exams().values()) {
            Map<ExamDomain, Integer> quota = ExamDraw.quota(blueprint.weights(), blueprint.questions());
            quota.forEach((domain, count) ->
                    assertThat(bank.byDomain(domain)).as(blueprint.id() + " needs " + count + " " + domain.id()).hasSizeGreaterThanOrEqualTo(count));
            assertThat(ExamDraw.draw(bank, blueprint, 1)).hasSize(blueprint.questions()).doesNotHaveDuplicates();
        }
    }
}
