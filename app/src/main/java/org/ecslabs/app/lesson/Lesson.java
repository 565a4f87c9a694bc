package org.ecslabs.app.lesson;

import java.time.LocalDate;
import java.util.List;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.markdown.RenderedMarkdown;

/**
 * One lesson, parsed from {@code content/<slug>.md}.
 *
 * @param video null when the lesson has none
 * @param labs  lab ids from front matter; pages link only those the lab directory knows
 * @param body  the rendered, sanitized body with its table of contents
 * @param file  the source file name as errors show it (content/<slug>.md)
 */
public record Lesson(String slug, String title, int order, String topic, String summary, List<ExamDomain> domains,
                     LocalDate updated, List<Link> references, Link video, List<String> labs, RenderedMarkdown body,
                     String file) {
}
