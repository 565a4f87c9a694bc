package org.ecslabs.app.quiz;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.ecslabs.app.content.ContentFile;
import org.ecslabs.app.content.ContentSource;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.markdown.MarkdownFileException;

/**
 * Every question and exam blueprint, loaded once at start-up. Immutable, so thread-safe.
 * Questions come in two pools: the practice pool ({@code quizzes/*.md}), which practice mode
 * shows, and the exam-only pool ({@code quizzes/exam-pool/*.md}), which only timed exams draw
 * from, so that a learner meets questions in an exam that practice has not already shown.
 */
public final class QuestionBank {
    /** The folder of the exam-only pool, inside quizzes/. */
    public static final String EXAM_POOL = "quizzes/exam-pool";

    private final Map<String, Question> byId;
    private final Set<String> examOnly;
    private final Map<String, String> topicTitles;
    private final Map<String, ExamBlueprint> exams;

    private QuestionBank(Map<String, Question> byId, Set<String> examOnly, Map<String, String> topicTitles,
                         Map<String, ExamBlueprint> exams) {
        this.byId = Collections.unmodifiableMap(byId);
        this.examOnly = Set.copyOf(examOnly);
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
        return load(questionFiles, List.of(), examFiles);
    }

    /**
     * Builds the bank from practice question files, exam-only question files (same format) and
     * exam files. Ids are unique across both pools.
     */
    public static QuestionBank load(List<SourceFile> questionFiles, List<SourceFile> examPoolFiles, List<SourceFile> examFiles) {
        Map<String, Question> byId = new LinkedHashMap<>();
        Map<String, String> titles = new LinkedHashMap<>();
        Set<String> examOnly = new HashSet<>();
        List<SourceFile> everyFile = new ArrayList<>(questionFiles);
        everyFile.addAll(examPoolFiles);
        for (SourceFile source : everyFile) {
            boolean inExamPool = examPoolFiles.contains(source);
            QuestionParser.QuizFile quizFile = QuestionParser.parse(source.name(), source.text());
            titles.putIfAbsent(quizFile.topic(), quizFile.title());
            for (Question question : quizFile.questions()) {
                Question clash = byId.putIfAbsent(question.id(), question);
                if (clash != null) {
                    String[] where = question.source().split(":");
                    throw new MarkdownFileException(where[0], Integer.parseInt(where[where.length - 1]), 4,
                            "question id '" + question.id() + "' is already used at " + clash.source());
                }
                if (inExamPool) {
                    examOnly.add(question.id());
                }
            }
        }
        Map<String, ExamBlueprint> exams = new TreeMap<>();
        for (SourceFile source : examFiles) {
            String id = source.name().replaceAll("^.*/", "").replaceAll("\\.md$", "");
            exams.put(id, ExamBlueprint.parse(id, source.name(), source.text()));
        }
        return new QuestionBank(byId, examOnly, titles, exams);
    }

    /**
     * Loads {@code quizzes/*.md}, {@code quizzes/exam-pool/*.md} and {@code quizzes/exams/*.md}; the
     * first broken file stops loading with its file:line:column ({@link MarkdownFileException}).
     */
    public static QuestionBank load(ContentSource content) {
        return load(sources(content.list("quizzes")), sources(content.list(EXAM_POOL)), sources(content.list("quizzes/exams")));
    }

    private static List<SourceFile> sources(List<ContentFile> files) {
        return files.stream().map(file -> new SourceFile(file.name(), file.text())).toList();
    }

    /** Every question of both pools. */
    public List<Question> all() {
        return List.copyOf(byId.values());
    }

    /** Any question of either pool: exam sessions and their results name exam-only questions too. */
    public Optional<Question> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A question practice may show: never one of the exam-only pool. */
    public Optional<Question> practiceQuestion(String id) {
        return byId(id).filter(question -> !isExamOnly(question.id()));
    }

    /**
     * The question a practice or review answer names. Review may bring back an exam-only question
     * the learner missed in an exam (its answer was shown in the exam's result); practice never.
     */
    public Optional<Question> questionFor(String mode, String id) {
        return "review".equals(mode) ? byId(id) : practiceQuestion(id);
    }

    public boolean isExamOnly(String id) {
        return examOnly.contains(id);
    }

    /** The practice pool's questions on a topic. */
    public List<Question> byTopic(String topic) {
        return byId.values().stream().filter(q -> q.topic().equals(topic) && !isExamOnly(q.id())).toList();
    }

    /** The practice pool's questions in a domain. */
    public List<Question> byDomain(ExamDomain domain) {
        return byId.values().stream().filter(q -> q.domain() == domain && !isExamOnly(q.id())).toList();
    }

    /** Every question of a domain that an exam may draw, from both pools. */
    public List<Question> examCandidates(ExamDomain domain) {
        return byId.values().stream().filter(q -> q.domain() == domain).toList();
    }

    /** Topic id to its title, in file order. */
    public Map<String, String> topics() {
        return topicTitles;
    }

    public Map<String, ExamBlueprint> exams() {
        return exams;
    }

    /**
     * Question counts for the stats API: {@code total} and the counts by domain id and by topic id
     * cover both pools; {@code practice} and {@code examOnly} split the total between them.
     */
    public Map<String, Object> stats() {
        Map<String, Integer> byDomain = new LinkedHashMap<>();
        for (ExamDomain domain : ExamDomain.values()) {
            byDomain.put(domain.id(), examCandidates(domain).size());
        }
        Map<String, Integer> byTopic = new LinkedHashMap<>();
        topicTitles.keySet().forEach(topic ->
                byTopic.put(topic, (int) byId.values().stream().filter(q -> q.topic().equals(topic)).count()));
        Map<String, Object> stats = new LinkedHashMap<>();
        stats.put("total", byId.size());
        stats.put("practice", byId.size() - examOnly.size());
        stats.put("examOnly", examOnly.size());
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
        return new QuestionBank(merged, examOnly, titles, exams);
    }
}
