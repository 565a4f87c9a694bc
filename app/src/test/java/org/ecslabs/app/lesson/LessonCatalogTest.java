package org.ecslabs.app.lesson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import org.ecslabs.app.TestApp;
import org.ecslabs.app.content.ContentSource;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.markdown.MarkdownFileException;
import org.ecslabs.app.markdown.MarkdownRenderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LessonCatalogTest {
    private static final String VALID = """
            ---
            title: Clusters
            order: 2
            topic: Foundations
            summary: What a cluster is.
            domains: [resilient]
            updated: 2026-11-21
            references:
              - title: Clusters
                url: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clusters.html
            ---

            A cluster groups capacity.
            """;

    @TempDir
    Path root;

    @Test
    void loadsTheFixtureCourseInOrderWithEveryField() {
        LessonCatalog catalog = LessonCatalog.load(ContentSource.directory(TestApp.fixtureCourse()), new MarkdownRenderer());

        assertThat(catalog.all()).extracting(Lesson::slug).containsExactly("first-steps", "services", "scaling");
        Lesson first = catalog.find("first-steps").orElseThrow();
        assertThat(first.title()).isEqualTo("First steps with containers");
        assertThat(first.domains()).containsExactly(ExamDomain.RESILIENT, ExamDomain.PERFORMANT);
        assertThat(first.updated()).isEqualTo(LocalDate.of(2026, 11, 20));
        assertThat(first.references()).hasSize(2).first().extracting(Link::url)
                .isEqualTo("https://docs.aws.amazon.com/AmazonECS/latest/developerguide/Welcome.html");
        assertThat(first.labs()).containsExactly("first-fargate-task", "no-such-lab");
        assertThat(first.video()).isNull();
        assertThat(catalog.find("services").orElseThrow().video().title()).isEqualTo("ECS services explained");
        assertThat(catalog.find("scaling").orElseThrow().updated()).isEqualTo(LocalDate.of(2026, 11, 18));
        assertThat(catalog.byTopic().keySet()).containsExactly("Basics", "Operations");
        assertThat(catalog.next(first)).map(Lesson::slug).hasValue("services");
        assertThat(catalog.previous(first)).isEmpty();
    }

    @Test
    void reportsBrokenYamlWithFileAndLine() throws IOException {
        write("clusters.md", VALID.replace("summary: What a cluster is.", "summary: [unclosed"));

        assertThatThrownBy(this::load).isInstanceOf(MarkdownFileException.class)
                .hasMessageMatching("content/clusters\\.md:\\d+:\\d+: front matter is not valid YAML.*")
                .satisfies(e -> assertThat(((MarkdownFileException) e).line()).isBetween(5, 7));
    }

    @Test
    void reportsAnUnknownFieldWithItsLine() throws IOException {
        write("clusters.md", VALID.replace("topic: Foundations", "topic: Foundations\nauthor: Someone"));

        assertThatThrownBy(this::load).isInstanceOf(MarkdownFileException.class)
                .hasMessageStartingWith("content/clusters.md:5:1: unknown field 'author'");
    }

    @Test
    void reportsAMissingRequiredField() throws IOException {
        write("clusters.md", VALID.replace("updated: 2026-11-21\n", ""));

        assertThatThrownBy(this::load).hasMessageContaining("content/clusters.md:").hasMessageContaining("'updated'");
    }

    @Test
    void reportsAnUnknownExamDomainAndABadDateOnTheirLines() throws IOException {
        write("clusters.md", VALID.replace("[resilient]", "[resilient, fast]"));
        assertThatThrownBy(this::load).hasMessageStartingWith("content/clusters.md:6:1: unknown exam domain 'fast'");

        write("clusters.md", VALID.replace("2026-11-21", "21/11/2026"));
        assertThatThrownBy(this::load).hasMessageStartingWith("content/clusters.md:7:1: field 'updated' must be a date");
    }

    @Test
    void reportsAReferenceWithoutUrl() throws IOException {
        write("clusters.md", VALID.replace("    url: https://docs.aws.amazon.com/AmazonECS/latest/developerguide/clusters.html\n", ""));

        assertThatThrownBy(this::load).hasMessageStartingWith("content/clusters.md:8:1: each entry of 'references' needs a url");
    }

    @Test
    void reportsTwoLessonsWithTheSameOrder() throws IOException {
        write("clusters.md", VALID);
        write("services.md", VALID.replace("title: Clusters", "title: Services"));

        assertThatThrownBy(this::load).hasMessageStartingWith("content/services.md:3:1: order 2 is already used by content/clusters.md");
    }

    @Test
    void reportsAHeadingInTheBodyWithTheFilesLineNumber() throws IOException {
        write("clusters.md", VALID + "\n# Clusters\n");

        assertThatThrownBy(this::load).hasMessageStartingWith("content/clusters.md:15:1: a '#' heading");
    }

    private void write(String name, String text) throws IOException {
        Files.createDirectories(root.resolve("content"));
        Files.writeString(root.resolve("content").resolve(name), text);
    }

    private LessonCatalog load() {
        return LessonCatalog.load(ContentSource.directory(root), new MarkdownRenderer());
    }
}
