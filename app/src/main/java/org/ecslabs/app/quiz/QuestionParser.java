package org.ecslabs.app.quiz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.markdown.FrontMatter;
import org.ecslabs.app.markdown.MarkdownFileException;

/**
 * Reads a question bank file ({@code quizzes/<topic>.md}): front matter, then questions that each
 * start with {@code ## <id>}, metadata lines, a stem, and {@code - [ ]}/{@code - [x]} options
 * each followed by an indented {@code Explanation:} line. Every mistake is reported with its line.
 */
public final class QuestionParser {
    private static final Set<String> FILE_FIELDS = Set.of("topic", "title", "lesson");
    private static final Set<String> QUESTION_FIELDS = Set.of("domain", "difficulty", "lab", "lesson", "topic");
    private static final Set<String> DIFFICULTIES = Set.of("easy", "medium", "hard");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern HEADING = Pattern.compile("^## +(.*?)\\s*$");
    private static final Pattern META = Pattern.compile("^([A-Za-z]+):\\s*(.*?)\\s*$");
    private static final Pattern OPTION = Pattern.compile("^- \\[([ xX])\\] +(.*)$");
    private static final Pattern EXPLANATION = Pattern.compile("^ {2,}Explanation:\\s*(.*)$");
    private static final Pattern CHOOSE = Pattern.compile("\\(Choose (two|three|four|five)\\.\\)");
    private static final List<String> NUMBERS = List.of("zero", "one", "two", "three", "four", "five");

    /** A parsed bank file. */
    public record QuizFile(String topic, String title, String lesson, List<Question> questions) {
    }

    private QuestionParser() {
    }

    public static QuizFile parse(String file, String text) {
        FrontMatter front = FrontMatter.parse(file, text, FILE_FIELDS, FILE_FIELDS);
        String topic = front.string("topic");
        String lesson = front.string("lesson");
        List<String> lines = List.of(front.body().split("\n", -1));
        List<Question> questions = new ArrayList<>();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                i++;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!heading.matches()) {
                throw new MarkdownFileException(file, front.bodyLine() + i, 1,
                        "expected a question heading '## <question-id>', found '" + abbreviate(line) + "'");
            }
            int end = i + 1;
            while (end < lines.size() && !HEADING.matcher(lines.get(end)).matches()) {
                end++;
            }
            questions.add(parseQuestion(file, front.bodyLine() + i, heading.group(1), lines.subList(i + 1, end), topic, lesson));
            i = end;
        }
        if (questions.isEmpty()) {
            throw new MarkdownFileException(file, front.bodyLine(), 1, "the file has no questions");
        }
        return new QuizFile(topic, front.string("title"), lesson, questions);
    }

    private static Question parseQuestion(String file, int headingLine, String id, List<String> lines,
                                          String fileTopic, String fileLesson) {
        if (!ID.matcher(id).matches()) {
            throw new MarkdownFileException(file, headingLine, 4,
                    "question id '" + id + "' must be lower-case letters, digits and hyphens");
        }
        Map<String, String> meta = new LinkedHashMap<>();
        int i = 0;
        while (i < lines.size() && !lines.get(i).isBlank()) {
            int lineNo = headingLine + 1 + i;
            Matcher m = META.matcher(lines.get(i));
            if (!m.matches()) {
                throw new MarkdownFileException(file, lineNo, 1,
                        "expected a 'field: value' line (" + String.join(", ", QUESTION_FIELDS.stream().sorted().toList())
                                + ") or a blank line before the stem");
            }
            String key = m.group(1);
            if (!QUESTION_FIELDS.contains(key)) {
                throw new MarkdownFileException(file, lineNo, 1, "unknown field '" + key + "' in question " + id);
            }
            meta.put(key, m.group(2));
            i++;
        }
        String domainId = meta.get("domain");
        if (domainId == null) {
            throw new MarkdownFileException(file, headingLine, 1, "question " + id + " has no 'domain:' line");
        }
        ExamDomain domain = ExamDomain.byId(domainId).orElseThrow(() -> new MarkdownFileException(file,
                lineOf(headingLine, lines, "domain"), 1, "unknown domain '" + domainId + "' (use one of: " + ExamDomain.ids() + ")"));
        String difficulty = meta.get("difficulty");
        if (difficulty == null || !DIFFICULTIES.contains(difficulty)) {
            throw new MarkdownFileException(file, difficulty == null ? headingLine : lineOf(headingLine, lines, "difficulty"), 1,
                    "question " + id + " needs 'difficulty:' easy, medium or hard");
        }

        StringBuilder stem = new StringBuilder();
        while (i < lines.size() && !OPTION.matcher(lines.get(i)).matches()) {
            stem.append(lines.get(i)).append('\n');
            i++;
        }
        if (stem.toString().isBlank()) {
            throw new MarkdownFileException(file, headingLine, 1, "question " + id + " has no stem");
        }

        List<Question.Option> options = new ArrayList<>();
        while (i < lines.size()) {
            String line = lines.get(i);
            int lineNo = headingLine + 1 + i;
            if (line.isBlank()) {
                i++;
                continue;
            }
            Matcher option = OPTION.matcher(line);
            if (!option.matches()) {
                throw new MarkdownFileException(file, lineNo, 1,
                        "expected an option '- [ ] text' or '- [x] text', found '" + abbreviate(line) + "'");
            }
            i++;
            Matcher explanation = i < lines.size() ? EXPLANATION.matcher(lines.get(i)) : null;
            if (explanation == null || !explanation.matches()) {
                throw new MarkdownFileException(file, lineNo + 1, 3,
                        "option '" + abbreviate(option.group(2)) + "' needs an indented 'Explanation:' line after it");
            }
            StringBuilder why = new StringBuilder(explanation.group(1));
            i++;
            while (i < lines.size() && lines.get(i).startsWith("  ") && !lines.get(i).isBlank()
                    && !EXPLANATION.matcher(lines.get(i)).matches()) {
                why.append(' ').append(lines.get(i).strip());
                i++;
            }
            if (why.toString().isBlank()) {
                throw new MarkdownFileException(file, lineNo + 1, 3, "the explanation of an option is empty");
            }
            options.add(new Question.Option(option.group(2).strip(), !option.group(1).equals(" "), why.toString().strip()));
        }
        if (options.size() < 2 || options.size() > 6) {
            throw new MarkdownFileException(file, headingLine, 1,
                    "question " + id + " has " + options.size() + " options; give 2 to 6");
        }
        long correct = options.stream().filter(Question.Option::correct).count();
        if (correct == 0) {
            throw new MarkdownFileException(file, headingLine, 1, "question " + id + " marks no option correct with [x]");
        }
        // A stem may wrap "(Choose two.)" over two lines: Markdown reads a line break there as a space.
        Matcher choose = CHOOSE.matcher(stem.toString().replaceAll("\\s+", " "));
        if (correct > 1) {
            String expected = "(Choose " + NUMBERS.get((int) Math.min(correct, 5)) + ".)";
            if (!choose.find() || !choose.group().equals(expected)) {
                throw new MarkdownFileException(file, headingLine, 1,
                        "question " + id + " has " + correct + " correct options: its stem must say " + expected);
            }
        } else if (choose.find()) {
            throw new MarkdownFileException(file, headingLine, 1,
                    "question " + id + " says " + choose.group() + " but marks only one option correct");
        }
        return new Question(id, meta.getOrDefault("topic", fileTopic), meta.getOrDefault("lesson", fileLesson),
                meta.getOrDefault("lab", ""), domain, difficulty, stem.toString().strip(), options, file + ":" + headingLine);
    }

    private static int lineOf(int headingLine, List<String> lines, String key) {
        for (int i = 0; i < lines.size() && !lines.get(i).isBlank(); i++) {
            if (lines.get(i).startsWith(key + ":")) {
                return headingLine + 1 + i;
            }
        }
        return headingLine;
    }

    private static String abbreviate(String line) {
        String trimmed = line.strip();
        return trimmed.length() > 60 ? trimmed.substring(0, 57) + "..." : trimmed;
    }
}
