package org.ecslabs.app.markdown;

import com.vladsch.flexmark.ext.admonition.AdmonitionBlock;
import com.vladsch.flexmark.ext.admonition.AdmonitionExtension;
import com.vladsch.flexmark.ext.anchorlink.AnchorLinkExtension;
import com.vladsch.flexmark.ext.autolink.AutolinkExtension;
import com.vladsch.flexmark.ext.gfm.strikethrough.StrikethroughExtension;
import com.vladsch.flexmark.ext.gfm.tasklist.TaskListExtension;
import com.vladsch.flexmark.ext.tables.TablesExtension;
import com.vladsch.flexmark.html.HtmlRenderer;
import com.vladsch.flexmark.html.renderer.HeaderIdGenerator;
import com.vladsch.flexmark.parser.Parser;
import com.vladsch.flexmark.util.ast.Document;
import com.vladsch.flexmark.util.ast.Node;
import com.vladsch.flexmark.util.data.MutableDataSet;
import com.vladsch.flexmark.ast.Heading;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import java.util.Set;

/**
 * Renders course Markdown (CommonMark, GFM tables, task lists, strikethrough, autolinks,
 * admonitions, heading anchors, fenced code) to sanitized HTML plus a table of contents.
 * Mermaid blocks stay {@code <pre><code class="language-mermaid">} and are drawn in the browser.
 * Thread-safe: flexmark's parser and renderer are immutable once built.
 */
public final class MarkdownRenderer {
    /** The admonition kinds the course format allows ({@code !!! note "Title"}). */
    public static final Set<String> ADMONITIONS = Set.of("note", "tip", "warning", "danger", "info", "example", "exam");

    private final Parser parser;
    private final HtmlRenderer renderer;

    public MarkdownRenderer() {
        MutableDataSet options = new MutableDataSet();
        options.set(Parser.EXTENSIONS, List.of(TablesExtension.create(), TaskListExtension.create(),
                StrikethroughExtension.create(), AutolinkExtension.create(), AnchorLinkExtension.create(),
                AdmonitionExtension.create()));
        options.set(HtmlRenderer.GENERATE_HEADER_ID, true);
        options.set(HtmlRenderer.RENDER_HEADER_ID, true);
        options.set(HtmlRenderer.FENCED_CODE_LANGUAGE_CLASS_PREFIX, "language-");
        // Raw HTML goes through to the sanitizer, which removes what is not allowed ("sanitized away").
        options.set(HtmlRenderer.ESCAPE_HTML, false);
        options.set(AnchorLinkExtension.ANCHORLINKS_WRAP_TEXT, false);
        options.set(AnchorLinkExtension.ANCHORLINKS_SET_ID, false);
        options.set(AnchorLinkExtension.ANCHORLINKS_ANCHOR_CLASS, "anchor");
        options.set(TablesExtension.CLASS_NAME, "table");
        // Each allowed kind is its own type (class adm-<kind>); "exam" is ours, not flexmark's.
        Map<String, String> types = new HashMap<>();
        ADMONITIONS.forEach(kind -> types.put(kind, kind));
        options.set(AdmonitionExtension.QUALIFIER_TYPE_MAP, types);
        Map<String, String> titles = new HashMap<>(AdmonitionExtension.getQualifierTitleMap());
        titles.put("exam", "Exam tip");
        options.set(AdmonitionExtension.QUALIFIER_TITLE_MAP, titles);
        this.parser = Parser.builder(options).build();
        this.renderer = HtmlRenderer.builder(options).build();
    }

    /** Renders a fragment that has no file of its own (no authoring checks). */
    public RenderedMarkdown render(String markdown) {
        Document document = parser.parse(markdown);
        return new RenderedMarkdown(HtmlPolicy.POLICY.sanitize(renderer.render(document)), toc(document));
    }

    /**
     * Renders the body of {@code file}, whose first line is line {@code firstLine} of the file,
     * and refuses what the course format forbids (a {@code #} heading, an unknown admonition kind)
     * with the file's line and column.
     */
    public RenderedMarkdown render(String file, String markdown, int firstLine) {
        Document document = parser.parse(markdown);
        check(file, document, firstLine);
        return new RenderedMarkdown(HtmlPolicy.POLICY.sanitize(renderer.render(document)), toc(document));
    }

    private static void check(String file, Document document, int firstLine) {
        for (Node node : document.getDescendants()) {
            if (node instanceof Heading heading && heading.getLevel() == 1) {
                throw new MarkdownFileException(file, firstLine + node.getLineNumber(), column(node),
                        "a '#' heading: the page already shows the title from the front matter; use '##' for sections");
            }
            if (node instanceof AdmonitionBlock admonition) {
                String kind = admonition.getInfo().toString();
                if (!ADMONITIONS.contains(kind)) {
                    throw new MarkdownFileException(file, firstLine + node.getLineNumber(), column(node),
                            "unknown admonition '" + kind + "' (allowed: "
                                    + String.join(", ", ADMONITIONS.stream().sorted().toList()) + ")");
                }
            }
        }
    }

    private static int column(Node node) {
        return node.getStartOffset() - node.getStartOfLine() + 1;
    }

    private static List<TocEntry> toc(Document document) {
        HeaderIdGenerator ids = new HeaderIdGenerator();
        ids.generateIds(document);
        List<TocEntry> entries = new ArrayList<>();
        for (Node node : document.getDescendants()) {
            if (node instanceof Heading heading && (heading.getLevel() == 2 || heading.getLevel() == 3)) {
                entries.add(new TocEntry(heading.getLevel(), heading.getAnchorRefId(), heading.getText().toString()));
            }
        }
        return entries;
    }
}
