package org.ecslabs.app.lesson;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecslabs.app.content.ContentFile;
import org.ecslabs.app.content.ContentSource;
import org.ecslabs.app.markdown.FrontMatter;
import org.ecslabs.app.markdown.MarkdownFileException;
import org.ecslabs.app.markdown.MarkdownRenderer;

/**
 * All lessons, loaded once at start-up and ordered by {@code order}. Immutable, so thread-safe.
 */
public final class LessonCatalog {
    private final List<Lesson> lessons;
    private final Map<String, Lesson> bySlug;

    public LessonCatalog(List<Lesson> lessons) {
        this.lessons = lessons.stream().sorted(Comparator.comparingInt(Lesson::order)).toList();
        Map<String, Lesson> map = new LinkedHashMap<>();
        this.lessons.forEach(lesson -> map.put(lesson.slug(), lesson));
        this.bySlug = Map.copyOf(map);
    }

    /** Loads every content/*.md; the first broken file stops loading with its file:line:column. */
    public static LessonCatalog load(ContentSource source, MarkdownRenderer renderer) {
        LessonParser parser = new LessonParser(renderer);
        List<Lesson> lessons = new ArrayList<>();
        Map<Integer, Lesson> byOrder = new HashMap<>();
        for (ContentFile file : source.list("content")) {
            Lesson lesson = parser.parse(file);
            Lesson clash = byOrder.putIfAbsent(lesson.order(), lesson);
            if (clash != null) {
                int line = FrontMatter.parse(file.name(), file.text(), LessonParser.ALLOWED, LessonParser.REQUIRED)
                        .lines().getOrDefault("order", 1);
                throw new MarkdownFileException(file.name(), line, 1, "order " + lesson.order()
                        + " is already used by " + clash.file() + "; every lesson needs its own position");
            }
            lessons.add(lesson);
        }
        return new LessonCatalog(lessons);
    }

    /** Every lesson in course order. */
    public List<Lesson> all() {
        return lessons;
    }

    public Optional<Lesson> find(String slug) {
        return Optional.ofNullable(bySlug.get(slug));
    }

    public Optional<Lesson> previous(Lesson lesson) {
        int index = lessons.indexOf(lesson);
        return index > 0 ? Optional.of(lessons.get(index - 1)) : Optional.empty();
    }

    public Optional<Lesson> next(Lesson lesson) {
        int index = lessons.indexOf(lesson);
        return index >= 0 && index < lessons.size() - 1 ? Optional.of(lessons.get(index + 1)) : Optional.empty();
    }

    /** Lessons grouped by topic; topics in the order of their first lesson. */
    public Map<String, List<Lesson>> byTopic() {
        Map<String, List<Lesson>> groups = new LinkedHashMap<>();
        for (Lesson lesson : lessons) {
            groups.computeIfAbsent(lesson.topic(), topic -> new ArrayList<>()).add(lesson);
        }
        groups.replaceAll((topic, list) -> List.copyOf(list));
        return groups;
    }
}
