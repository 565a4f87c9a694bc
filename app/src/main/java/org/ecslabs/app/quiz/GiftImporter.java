package org.ecslabs.app.quiz;

import java.util.ArrayList;
import java.util.List;
import org.ecslabs.app.markdown.MarkdownFileException;

/**
 * Reads the multiple-choice subset of Moodle's GIFT format: {@code ::title:: stem { =right #why ~wrong #why }},
 * multiple answers with {@code ~%50%} weights, true/false ({@code {T}} / {@code {F}}), {@code //} comments,
 * {@code $CATEGORY:} lines, and the escapes {@code \~ \= \# \{ \} \:}. Other GIFT question kinds
 * (short answer, matching, numeric, essay) have no options to learn from and are refused with their line.
 */
public final class GiftImporter {
    private GiftImporter() {
    }

    public static List<Question> parse(String file, String text, ImportDefaults defaults) {
        String source = text.replace("\r\n", "\n");
        List<Question> questions = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        int blockLine = 0;
        String[] lines = source.split("\n", -1);
        for (int n = 0; n <= lines.length; n++) {
            String line = n < lines.length ? lines[n] : "";
            boolean end = n == lines.length || line.isBlank();
            String stripped = line.strip();
            if (!end && (stripped.startsWith("//") || stripped.startsWith("$CATEGORY:"))) {
                continue;
            }
            if (end) {
                if (!block.toString().isBlank()) {
                    questions.add(parseBlock(file, blockLine, block.toString(), defaults, questions.size() + 1));
                }
                block.setLength(0);
                continue;
            }
            if (block.length() == 0) {
                blockLine = n + 1;
            }
            block.append(line).append('\n');
        }
        return questions;
    }

    private static Question parseBlock(String file, int line, String block, ImportDefaults defaults, int number) {
        String body = block.strip();
        String title = null;
        if (body.startsWith("::")) {
            int close = indexOfUnescaped(body, "::", 2);
            if (close < 0) {
                throw new MarkdownFileException(file, line, 1, "the title '::' is not closed");
            }
            title = unescape(body.substring(2, close)).strip();
            body = body.substring(close + 2).strip();
        }
        int open = indexOfUnescaped(body, "{", 0);
        int close = indexOfUnescaped(body, "}", open + 1);
        if (open < 0 || close < 0) {
            throw new MarkdownFileException(file, line, 1, "a GIFT question needs its answers in { }");
        }
        String stem = unescape((body.substring(0, open) + " " + body.substring(close + 1)).strip()).replaceAll("\\s+", " ");
        String answers = body.substring(open + 1, close).strip();
        List<Question.Option> options = new ArrayList<>();
        if (answers.matches("(?i)T|TRUE|F|FALSE")) {
            boolean isTrue = answers.toUpperCase().startsWith("T");
            options.add(new Question.Option("True", isTrue, isTrue ? ImportDefaults.NO_FEEDBACK_RIGHT : ImportDefaults.NO_FEEDBACK_WRONG));
            options.add(new Question.Option("False", !isTrue, !isTrue ? ImportDefaults.NO_FEEDBACK_RIGHT : ImportDefaults.NO_FEEDBACK_WRONG));
        } else {
            List<String> parts = splitAnswers(answers);
            if (parts.isEmpty()) {
                throw new MarkdownFileException(file, line, 1,
                        "only multiple-choice and true/false GIFT questions can be imported (answers start with = or ~)");
            }
            for (String part : parts) {
                options.add(parseAnswer(file, line, part));
            }
        }
        long correct = options.stream().filter(Question.Option::correct).count();
        if (correct == 0) {
            throw new MarkdownFileException(file, line, 1, "no answer is marked right with '=' or a positive '~%weight%'");
        }
        if (options.size() < 2) {
            throw new MarkdownFileException(file, line, 1, "a question needs at least two options");
        }
        String id = title == null ? defaults.id(number) : defaults.idPrefix() + "-" + slug(title);
        if (correct > 1 && !stem.contains("(Choose")) {
            stem = stem + " (Choose " + List.of("zero", "one", "two", "three", "four", "five").get((int) Math.min(correct, 5)) + ".)";
        }
        return new Question(id, defaults.topic(), defaults.lesson(), "", defaults.domain(), defaults.difficulty(),
                stem, options, file + ":" + line);
    }

    private static Question.Option parseAnswer(String file, int line, String part) {
        char kind = part.charAt(0);
        String rest = part.substring(1).strip();
        boolean correct = kind == '=';
        if (kind == '~' && rest.startsWith("%")) {
            int end = rest.indexOf('%', 1);
            if (end < 0) {
                throw new MarkdownFileException(file, line, 1, "a weight '~%n%' is not closed");
            }
            try {
                correct = Double.parseDouble(rest.substring(1, end)) > 0;
            } catch (NumberFormatException e) {
                throw new MarkdownFileException(file, line, 1, "the weight '" + rest.substring(0, end + 1) + "' is not a number");
            }
            rest = rest.substring(end + 1).strip();
        }
        if (kind == '=' && rest.contains("->")) {
            throw new MarkdownFileException(file, line, 1, "matching questions cannot be imported");
        }
        int hash = indexOfUnescaped(rest, "#", 0);
        String answer = unescape(hash < 0 ? rest : rest.substring(0, hash)).strip();
        String feedback = hash < 0 ? "" : unescape(rest.substring(hash + 1)).strip();
        if (feedback.isEmpty()) {
            feedback = correct ? ImportDefaults.NO_FEEDBACK_RIGHT : ImportDefaults.NO_FEEDBACK_WRONG;
        }
        return new Question.Option(answer, correct, feedback);
    }

    /** Splits {@code =a #x ~b ~c} at unescaped {@code =} and {@code ~}. */
    private static List<String> splitAnswers(String answers) {
        List<String> parts = new ArrayList<>();
        int start = -1;
        for (int i = 0; i < answers.length(); i++) {
            char c = answers.charAt(i);
            if (c == '\\') {
                i++;
                continue;
            }
            if (c == '=' || c == '~') {
                if (start >= 0) {
                    parts.add(answers.substring(start, i).strip());
                }
                start = i;
            }
        }
        if (start >= 0) {
            parts.add(answers.substring(start).strip());
        }
        return parts;
    }

    private static int indexOfUnescaped(String text, String token, int from) {
        for (int i = Math.max(from, 0); i <= text.length() - token.length(); i++) {
            if (text.charAt(i) == '\\') {
                i++;
                continue;
            }
            if (text.startsWith(token, i)) {
                return i;
            }
        }
        return -1;
    }

    private static String unescape(String text) {
        return text.replaceAll("\\\\([~=#{}:])", "$1");
    }

    private static String slug(String title) {
        String slug = title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "q" : slug;
    }
}
