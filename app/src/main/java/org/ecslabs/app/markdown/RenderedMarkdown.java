package org.ecslabs.app.markdown;

import java.util.List;

/**
 * Markdown turned into sanitized HTML, safe for {@code $unsafe{...}} in a template.
 *
 * @param html the sanitized HTML
 * @param toc  the ## and ### headings, in order
 */
public record RenderedMarkdown(String html, List<TocEntry> toc) {
}
