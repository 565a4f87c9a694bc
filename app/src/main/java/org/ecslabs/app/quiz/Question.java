package org.ecslabs.app.quiz;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.ecslabs.app.content.ExamDomain;

/**
 * One exam question: a Markdown stem, options with an explanation each, and what it is about.
 *
 * @param lesson the slug of the lesson that teaches it (may be empty)
 * @param lab    the id of the lab that practises it (may be empty)
 * @param source where it was written, {@code file:line}, for authors
 */
public record Question(String id, String topic, String lesson, String lab, ExamDomain domain, String difficulty,
                       String stem, List<Option> options, String source) {

    /** One answer option. Text and explanation are Markdown. */
    public record Option(String text, boolean correct, String explanation) {
    }

    public Question {
        options = List.copyOf(options);
    }

    /** The indexes of the correct options, in order. */
    public Set<Integer> correctIndexes() {
        return IntStream.range(0, options.size()).filter(i -> options.get(i).correct()).boxed()
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    public boolean multipleAnswer() {
        return correctIndexes().size() > 1;
    }

    /** A response is right only when it picks exactly the correct options: no partial credit, as on the exam. */
    public boolean isCorrect(Set<Integer> selected) {
        return selected.equals(correctIndexes());
    }
}
