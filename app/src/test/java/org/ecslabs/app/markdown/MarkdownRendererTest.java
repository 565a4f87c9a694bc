package org.ecslabs.app.markdown;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownRendererTest {
    private final MarkdownRenderer renderer = new MarkdownRenderer();

    @Test
    void rendersTablesWithAlignment() {
        String html = renderer.render("| Launch type | Hosts |\n| --- | :---: |\n| Fargate | AWS |\n").html();

        assertThat(html).contains("<table class=\"table\">", "<th>Launch type</th>", "<td align=\"center\">AWS</td>");
    }

    @Test
    void rendersAdmonitionsAsStyledBlocksWithTheirTitles() {
        String html = renderer.render("!!! exam \"Remember for the exam\"\n    Fargate needs `awsvpc`.\n\n"
                + "!!! warning \"Costs\"\n    Tasks cost money.\n").html();

        assertThat(html).contains("<div class=\"adm-block adm-exam\">", "Remember for the exam",
                "<div class=\"adm-body\">", "<div class=\"adm-block adm-warning\">", "Tasks cost money.");
        assertThat(html).doesNotContain("<svg");
    }

    @Test
    void rendersTaskListsWithDisabledCheckboxes() {
        String html = renderer.render("- [x] Install the CLI\n- [ ] Create a cluster\n").html();

        assertThat(html).contains("class=\"task-list-item\"", "type=\"checkbox\"", "checked=\"checked\"",
                "disabled=\"disabled\"", "Create a cluster");
    }

    @Test
    void keepsMermaidBlocksForTheBrowserToDraw() {
        String html = renderer.render("```mermaid\nflowchart LR\n    A --> B\n```\n").html();

        assertThat(html).contains("<pre><code class=\"language-mermaid\">flowchart LR\n    A --&gt; B\n</code></pre>");
    }

    @Test
    void givesFencedCodeItsLanguageClass() {
        String html = renderer.render("```bash\naws ecs list-clusters\n```\n\n```json\n{\"a\": 1}\n```\n").html();

        assertThat(html).contains("<code class=\"language-bash\">aws ecs list-clusters", "<code class=\"language-json\">");
    }

    @Test
    void rendersStrikethroughAndBareLinks() {
        String html = renderer.render("~~old~~ see https://aws.amazon.com/ecs/ now\n").html();

        assertThat(html).contains("<del>old</del>", "<a href=\"https://aws.amazon.com/ecs/\">https://aws.amazon.com/ecs/</a>");
    }

    @Test
    void givesHeadingsIdsAndAnchorLinksAndBuildsTheTableOfContentsFromLevelsTwoAndThree() {
        RenderedMarkdown rendered = renderer.render("Intro.\n\n## Control plane\n\n### The ECS agent\n\n#### Too deep\n\n## Data plane\n");

        assertThat(rendered.html()).contains("<h2 id=\"control-plane\"><a href=\"#control-plane\" class=\"anchor\"></a>Control plane</h2>",
                "<h3 id=\"the-ecs-agent\">");
        assertThat(rendered.toc()).containsExactly(
                new TocEntry(2, "control-plane", "Control plane"),
                new TocEntry(3, "the-ecs-agent", "The ECS agent"),
                new TocEntry(2, "data-plane", "Data plane"));
    }

    @Test
    void makesScriptsEventHandlersAndJavascriptLinksInert() {
        String html = renderer.render("Hello <script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n"
                + "[click](javascript:alert(1)) and <a href=\"javascript:alert(2)\" onclick=\"alert(3)\">raw</a>\n\n"
                + "<div style=\"position:fixed\">styled</div>\n\n<iframe src=\"https://example.com\"></iframe>\n").html();

        assertThat(html).doesNotContainIgnoringCase("<script")
                .doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("onclick")
                .doesNotContainIgnoringCase("javascript:")
                .doesNotContainIgnoringCase("style=")
                .doesNotContainIgnoringCase("<iframe");
        assertThat(html).contains("click", "raw", "styled", "<img src=\"x\" />");
    }

    @Test
    void keepsHttpsAndRelativeImagesButDropsOtherSchemes() {
        String html = renderer.render("![diagram](https://example.com/a.png) ![local](/assets/b.png) "
                + "![data](data:image/png;base64,AAAA)\n").html();

        assertThat(html).contains("src=\"https://example.com/a.png\"", "src=\"/assets/b.png\"").doesNotContain("data:image");
    }

    @Test
    void refusesALevelOneHeadingWithItsLineAndColumn() {
        assertThatThrownBy(() -> renderer.render("content/x.md", "Intro.\n\n# Title again\n", 10))
                .isInstanceOf(MarkdownFileException.class)
                .hasMessageStartingWith("content/x.md:12:1: a '#' heading");
    }

    @Test
    void refusesAnUnknownAdmonitionKind() {
        assertThatThrownBy(() -> renderer.render("content/x.md", "Text.\n\n!!! important \"Hey\"\n    Body.\n", 5))
                .isInstanceOf(MarkdownFileException.class)
                .hasMessageContaining("content/x.md:7:1: unknown admonition 'important'");
    }
}
