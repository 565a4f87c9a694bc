package org.ecslabs.app.quiz;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.app.markdown.MarkdownFileException;

/**
 * Reads the Aiken format: a question line, options {@code A.} or {@code A)}, then
 * {@code ANSWER: B}. Questions are separated by blank lines. Aiken has single answers only
 * and no feedback.
 */
public final class AikenImporter {
    private static final Pattern OPTION = Pattern.compile("^([A-Z])[.)]\\s+(.+)$");
    private static final Pattern ANSWER = Pattern.compile("^ANSWER:\\s*([A-Z])\\s*$");

    private AikenImporter() {
    }

    public static List<Question> parse(String file, String text, ImportDefaults defaults) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<Question> questions = new ArrayList<>();
        int i = 0;
        while (i < lines.length) {
            if (lines[i].isBlank()) {
                i++;
                continue;
            }
            int start = i;
            StringBuilder stem = new StringBuilder();
            while (i < lines.length && !OPTION.matcher(lines[i].strip()).matches() && !ANSWER.matcher(lines[i].strip()).matches()) {
                if (lines[i].isBlank()) {
                    throw new MarkdownFileException(file, i + 1, 1, "a blank line inside a question: options A., B., ... and ANSWER: must follow the question");
                }
                stem.append(lines[i].strip()).append(' ');
                i++;
            }
            List<String> options = new ArrayList<>();
            while (i < lines.length) {
                Matcher option = OPTION.matcher(lines[i].strip());
                if (!option.matches()) {
                    break;
                }
                char expected = (char) ('A' + options.size());
                if (option.group(1).charAt(0) != expected) {
                    throw new MarkdownFileException(file, i + 1, 1, "expected option " + expected + ", found " + option.group(1));
                }
                options.add(option.group(2).strip());
                i++;
            }
            Matcher answer = i < lines.length ? ANSWER.matcher(lines[i].strip()) : null;
            if (answer == null || !answer.matches()) {
                throw new MarkdownFileException(file, Math.min(i + 1, lines.length), 1, "expected 'ANSWER: <letter>' after the options");
            }
            if (options.size() < 2) {
                throw new MarkdownFileException(file, start + 1, 1, "a question needs at least two options");
            }
            int right = answer.group(1).charAt(0) - 'A';
            if (right >= options.size()) {
                throw new MarkdownFileException(file, i + 1, 9, "ANSWER: " + answer.group(1) + " names no option");
            }
            List<Question.Option> built = new ArrayList<>();
            for (int o = 0; o < options.size(); o++) {
                boolean correct = o == right;
                built.add(new Question.Option(options.get(o), correct,
                        correct ? ImportDefaults.NO_FEEDBACK_RIGHT : ImportDefaults.NO_FEEDBACK_WRONG));
            }
            questions.add(new Question(defaults.id(questions.size() + 1), defaults.topic(), defaults.lesson(), "",
                    defaults.domain(), defaults.difficulty(), stem.toString().strip(), built, file + ":" + (start + 1)));
            i++;
        }
        return questions;
    }
}
