package org.ecslabs.app.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class FrontMatterTest {
    private static final Set<String> ALLOWED = Set.of("title", "order", "references");

    @Test
    void splitsFieldsAndBodyWithTheBodysLineNumber() {
        FrontMatter doc = FrontMatter.parse("a.md", "---\ntitle: Clusters\norder: 2\n---\n# Body\ntext\n", ALLOWED, Set.of("title"));

        assertThat(doc.string("title")).isEqualTo("Clusters");
        assertThat(doc.integer("order", 0)).isEqualTo(2);
        assertThat(doc.body()).isEqualTo("# Body\ntext\n");
        assertThat(doc.bodyLine()).isEqualTo(5);
        assertThat(doc.lines()).containsEntry("order", 3);
    }

    @Test
    void anUnknownFieldIsRefusedWithItsLineAndColumn() {
        assertThatThrownBy(() -> FrontMatter.parse("lesson.md", "---\ntitle: X\ntitel: Y\n---\n", ALLOWED, Set.of()))
                .isInstanceOf(MarkdownFileException.class)
                .hasMessageStartingWith("lesson.md:3:1: unknown field 'titel'");
    }

    @Test
    void brokenYamlNamesTheFileLine() {
        assertThatThrownBy(() -> FrontMatter.parse("bad.md", "---\ntitle: X\norder: [1, 2\n---\nbody", ALLOWED, Set.of()))
                .isInstanceOf(MarkdownFileException.class)
                .satisfies(e -> {
                    MarkdownFileException error = (MarkdownFileException) e;
                    assertThat(error.file()).isEqualTo("bad.md");
                    assertThat(error.line()).isBetween(3, 4);
                    assertThat(error.problem()).contains("not valid YAML");
                });
    }

    @Test
    void aMissingRequiredFieldOrFenceIsNamed() {
        assertThatThrownBy(() -> FrontMatter.parse("x.md", "---\norder: 1\n---\n", ALLOWED, Set.of("title")))
                .hasMessageContaining("missing required field 'title'");
        assertThatThrownBy(() -> FrontMatter.parse("x.md", "# no front matter", ALLOWED, Set.of()))
                .hasMessageContaining("must start with a line '---'");
        assertThatThrownBy(() -> FrontMatter.parse("x.md", "---\ntitle: a\n", ALLOWED, Set.of()))
                .hasMessageContaining("not closed");
    }

    @Test
    void aWrongTypeNamesTheField() {
        FrontMatter doc = FrontMatter.parse("x.md", "---\ntitle: a\norder: soon\n---\n", ALLOWED, Set.of());
        assertThatThrownBy(() -> doc.integer("order", 0)).hasMessage("x.md:3:1: field 'order' must be a whole number, found 'soon'");
    }
}
