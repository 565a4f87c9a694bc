package org.ecslabs.app.quiz;

import java.util.List;
import org.ecslabs.app.content.ExamDomain;

/**
 * A question with its Markdown turned into sanitized HTML, ready for a template.
 *
 * @param stemHtml the stem, sanitized HTML (block level)
 * @param options  the options in the question's own order
 */
public record RenderedQuestion(Question question, String stemHtml, List<Option> options) {

    /**
     * One option as pages show it.
     *
     * @param index           the option's index in the question's own order (the form value)
     * @param textHtml        the option text, sanitized inline HTML
     * @param explanationHtml why it is right or wrong, sanitized inline HTML
     */
    public record Option(int index, String textHtml, boolean correct, String explanationHtml) {
    }

    public String id() {
        return question.id();
    }

    public ExamDomain domain() {
        return question.domain();
    }

    public boolean multipleAnswer() {
        return question.multipleAnswer();
    }

    /** The options in the order given by {@code order} (original indexes), as an exam session shuffled them. */
    public List<Option> inOrder(List<Integer> order) {
        if (order == null || order.size() != options.size()) {
            return options;
        }
        return order.stream().map(options::get).toList();
    }
}
