package org.ecslabs.app.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ecslabs.app.AppConfig;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.markdown.MarkdownFileException;
import org.ecslabs.simulator.testing.TestDatabases;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bank loads with the app, and a broken quiz or exam file stops start-up at its file:line:column. */
class QuizStartupTest {
    private static final String GOOD_QUESTION = """
            ---
            topic: clusters
            title: Clusters
            lesson: clusters
            ---

            ## cl-one
            domain: resilient
            difficulty: easy

            What is a cluster?

            - [x] A logical group of tasks and services.
              Explanation: That is what ECS calls a cluster.
            - [ ] A load balancer.
              Explanation: A load balancer spreads traffic; it does not group tasks.
            """;

    @TempDir
    Path dir;

    private AppConfig config() {
        return new AppConfig(0, dir.resolve("data"), TestDatabases.freshUrl(),
                dir.resolve("course"), false);
    }

    private void write(String name, String text) throws IOException {
        Path file = dir.resolve("course").resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void theBankAndExamsLoadWithTheApp() throws IOException {
        Files.createDirectories(dir.resolve("course/content"));
        write("quizzes/clusters.md", GOOD_QUESTION);
        write("quizzes/exams/drill.md", "---\ntitle: Drill\nquestions: 1\nminutes: 5\npassingScore: 700\n"
                + "domains: {secure: 30, resilient: 26, performant: 24, cost: 20}\n---\nOne question.\n");

        try (AppContext context = AppContext.open(config())) {
            assertThat(context.quizzes().all()).extracting(Question::id).containsExactly("cl-one");
            assertThat(context.quizzes().exams()).containsOnlyKeys("drill");
        }
    }

    @Test
    void aBrokenQuestionFileStopsStartUpWithFileLineAndColumn() throws IOException {
        Files.createDirectories(dir.resolve("course/content"));
        write("quizzes/clusters.md", GOOD_QUESTION.replace("domain: resilient", "domain: security"));

        assertThatThrownBy(() -> AppContext.open(config()))
                .isInstanceOf(MarkdownFileException.class)
                .hasMessageStartingWith("quizzes/clusters.md:8:1: unknown domain 'security'");
    }

    @Test
    void aBrokenExamFileStopsStartUpWithFileLineAndColumn() throws IOException {
        Files.createDirectories(dir.resolve("course/content"));
        write("quizzes/clusters.md", GOOD_QUESTION);
        write("quizzes/exams/drill.md", "---\ntitle: Drill\nquestions: 1\nminutes: 5\npassingScore: 700\n"
                + "domains: {secure: 30, resilient: 20, performant: 24, cost: 20}\n---\nOne question.\n");

        assertThatThrownBy(() -> AppContext.open(config()))
                .isInstanceOf(MarkdownFileException.class)
                .hasMessage("quizzes/exams/drill.md:6:1: domain weights add up to 94, not 100");
    }
}
