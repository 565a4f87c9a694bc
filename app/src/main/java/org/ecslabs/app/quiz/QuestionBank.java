package org.ecslabs.app.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.ecslabs.app.content.ContentFile;
import org.ecslabs.app.content.ContentSource;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.markdown.MarkdownFileException;

/**
 * Every question and exam blueprint, loaded once at start-up. Immutable, so thread-safe.
 */
public final class QuestionBank {
    private final Map<String, Question> byId;
    private final Map<String, String> topicTitles;
    private final Map<String, ExamBlueprint> exams;

    private QuestionBank(Map<String, Question> byId, Map<String, String> topicTitles, Map<String, ExamBlueprint> exams) {
        this.byId = Collections.unmodifiableMap(byId);
        this.topicTitles = Collections.unmodifiableMap(topicTitles);
        this.exams = Collections.unmodifiableMap(exams);
    }

    /** A source file: its name as shown in errors and its text. */
    public record SourceFile(String name, String text) {
    }

    /**
     * Builds the bank from question files and exam files. A repeated question id, or a blueprint
     * that asks for a domain with no questions, is an error naming the file.
     */
    public static QuestionBank load(List<SourceFile> questionFiles, List<SourceFile> examFiles) {
        Map<String, Question> byId = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        for (SourceFile source : questionFiles) {
            QuestionParser.QuizFile quizFile = QuestionParser.parse(source.name(), source.text());
            titles.putIfAbsent(quizFile.topic(), quizFile.title());
            for (Question question : quizFile.questions()) {
                Question clash = byId.putIfAbsent(question.id(), question);
                if (clash != null) {
                    String[] where = question.source().split(":");
                    throw new MarkdownFileException(where[0], Integer.parseInt(where[where.length - 1]), 4,
                            "question id '" + question.id() + "' is already used at " + clash.source());
                }
            }
        }
        Map<String, ExamBlueprint> exams = new TreeMap<>();
        for (SourceFile source : examFiles) {
            String id = source.name().replaceAll("^.*/", "").replaceAll("\\.md$", "");
            exams.put(id, ExamBlueprint.parse(id, source.name(), source.text()));
        }
        return new QuestionBank(byId, titles, exams);
    }

    /**
     * Loads {@code quizzes/*.md} and {@code quizzes/exams/*.md}; the first broken file stops loading
     * with its file:line:column ({@link MarkdownFileException}).
     */
    public static QuestionBank load(ContentSource content) {
        return load(sources(content.list("quizzes")), sources(content.list("quizzes/exams")));
    }

    private static List<SourceFile> sources(List<ContentFile> files) {
        return files.stream().map(file -> new SourceFile(file.name(), file.text())).toList();
    }

    public List<Question> all() {
        return List.copyOf(byId.values());
    }

    public Optional<Question> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    public List<Question> byTopic(String topic) {
        return byId.values().stream().filter(q -> q.topic().equals(topic)).toList();
    }

    public List<Question> byDomain(ExamDomain domain) {
        return byId.values().stream().filter(q -> q.domain() == domain).toList();
    }

    /** Topic id to its title, in file order. */
    public Map<String, String> topics() {
        return topicTitles;
    }

    public Map<String, ExamBlueprint> exams() {
        return exams;
    }

    /** Question counts: total, by domain id and by topic id (the stats API). */
    public Map<String, Object> stats() {
        Map<String, Integer> byDomain = new LinkedHashMap<>();
        for (ExamDomain domain : ExamDomain.values()) {
            byDomain.put(domain.id(), byDomain(domain).size());
        }
        Map<String, Integer> byTopic = new LinkedHashMap<>();
        topicTitles.keySet().forEach(topic -> byTopic.put(topic, byTopic(topic).size()));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total", byId.size());
        stats.put("byDomain", byDomain);
        stats.put("byTopic", byTopic);
        return stats;
    }

    /** Merges imported questions (GIFT, Aiken) into a new bank; ids must stay unique. */
    public QuestionBank with(List<Question> imported) {
        Map<String, Question> merged = new LinkedHashMap<>(byId);
        Map<String, String> titles = new LinkedHashMap<>(topicTitles);
        List<String> clashes = new ArrayList<>();
        for (Question question : imported) {
            if (merged.putIfAbsent(question.id(), question) != null) {
                clashes.add(question.id());
            }
            titles.putIfAbsent(question.topic(), question.topic());
        }
        if (!clashes.isEmpty()) {
            throw new IllegalArgumentException("question ids already in the bank: " + String.join(", ", clashes));
        }
        return new QuestionBank(merged, titles, exams);
    }
}
