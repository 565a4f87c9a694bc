package org.ecslabs.app.quiz;

import java.util.List;

/**
 * Writes questions in the bank's own Markdown format ({@code quizzes/<topic>.md}), so that an
 * imported GIFT or Aiken bank becomes a file an author can review, explain and commit.
 */
public final class QuestionMarkdown {
    private QuestionMarkdown() {
    }

    /** A whole topic file: front matter, then every question. */
    public static String file(String topic, String title, String lesson, List<Question> questions) {
        StringBuilder out = new StringBuilder();
        out.append("---\n")
                .append("topic: ").append(topic).append('\n')
                .append("title: ").append(title).append('\n')
                .append("lesson: ").append(lesson).append('\n')
                .append("---\n");
        for (Question question : questions) {
            out.append('\n').append(question(question, topic, lesson));
        }
        return out.toString();
    }

    /** One question; {@code topic} and {@code lesson} lines only where it differs from its file. */
    static String question(Question question, String fileTopic, String fileLesson) {
        StringBuilder out = new StringBuilder();
        out.append("## ").append(question.id()).append('\n')
                .append("domain: ").append(question.domain().id()).append('\n')
                .append("difficulty: ").append(question.difficulty()).append('\n');
        if (!question.lab().isBlank()) {
            out.append("lab: ").append(question.lab()).append('\n');
        }
        if (!question.topic().equals(fileTopic)) {
            out.append("topic: ").append(question.topic()).append('\n');
        }
        if (!question.lesson().equals(fileLesson)) {
            out.append("lesson: ").append(question.lesson()).append('\n');
        }
        out.append('\n').append(question.stem().strip()).append("\n\n");
        for (Question.Option option : question.options()) {
            out.append("- [").append(option.correct() ? 'x' : ' ').append("] ").append(oneLine(option.text())).append('\n')
                    .append("  Explanation: ").append(oneLine(option.explanation())).append('\n');
        }
        return out.toString();
    }

    private static String oneLine(String text) {
        return text.strip().replaceAll("\\s*\\n\\s*", " ");
    }
}
