package org.ecslabs.app.markdown;

import java.util.regex.Pattern;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

/**
 * What may survive from rendered Markdown: everything {@link MarkdownRenderer} produces
 * (headings with ids, tables, code with language classes, admonitions, task lists, links, images)
 * and nothing that runs or restyles: no script, no event handlers, no style, no javascript: URLs.
 */
final class HtmlPolicy {
    private static final Pattern ID = Pattern.compile("[A-Za-z][A-Za-z0-9_:.-]*");
    private static final Pattern CLASSES = Pattern.compile("[A-Za-z0-9_ -]+");
    private static final Pattern ALIGN = Pattern.compile("left|right|center");
    private static final Pattern NUMBER = Pattern.compile("[0-9]+");
    // Images: https or a relative path; no http (mixed content), no data: or other schemes.
    private static final Pattern IMAGE_SRC = Pattern.compile("https://\\S+|(?![A-Za-z][A-Za-z0-9+.-]*:)[^\\s]+");

    static final PolicyFactory POLICY = new HtmlPolicyBuilder()
            .allowElements("h1", "h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code",
                    "em", "strong", "del", "s", "sub", "sup", "kbd", "ul", "ol", "li", "dl", "dt", "dd",
                    "table", "thead", "tbody", "tfoot", "tr", "th", "td", "a", "img", "div", "span", "input")
            .allowAttributes("id").matching(ID).onElements("h1", "h2", "h3", "h4", "h5", "h6", "a", "div", "span")
            .allowAttributes("class").matching(CLASSES)
            .onElements("code", "pre", "div", "span", "a", "li", "ul", "ol", "p", "input", "table")
            .allowAttributes("href").onElements("a")
            .allowAttributes("title").onElements("a", "img")
            .allowStandardUrlProtocols()
            .allowAttributes("src").matching(IMAGE_SRC).onElements("img")
            .allowAttributes("alt").onElements("img")
            .allowAttributes("align").matching(ALIGN).onElements("th", "td")
            .allowAttributes("start").matching(NUMBER).onElements("ol")
            .allowAttributes("type").matching(Pattern.compile("checkbox")).onElements("input")
            .allowAttributes("checked", "disabled", "readonly").onElements("input")
            .allowAttributes("aria-hidden").onElements("a", "span")
            .toFactory();

    private HtmlPolicy() {
    }
}
