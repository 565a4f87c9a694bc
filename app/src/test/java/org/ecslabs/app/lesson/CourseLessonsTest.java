package org.ecslabs.app.lesson;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.ecslabs.app.content.ContentSource;
import org.ecslabs.app.markdown.MarkdownRenderer;
import org.junit.jupiter.api.Test;

/** The repository's own lessons as a whole: they load, and every lab or lesson they point to exists. */
class CourseLessonsTest {
    private static final Pattern INTERNAL_LINK = Pattern.compile("href=\"/(lessons|labs)/([a-z0-9-]+)");

    private static Path repositoryRoot() {
        for (Path candidate : List.of(Path.of(".."), Path.of("."))) {
            if (Files.isDirectory(candidate.resolve("content")) && Files.isDirectory(candidate.resolve("labs"))) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no content/ folder next to the app module");
    }

    private static LessonCatalog lessons() {
        return LessonCatalog.load(ContentSource.directory(repositoryRoot()), new MarkdownRenderer());
    }

    private static Set<String> labIds() throws Exception {
        try (Stream<Path> files = Files.list(repositoryRoot().resolve("labs"))) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".md") && !name.equals("README.md"))
                    .map(name -> name.substring(0, name.length() - 3))
                    .collect(Collectors.toSet());
        }
    }

    @Test
    void everyLessonNamesOnlyLabsThatExist() throws Exception {
        Set<String> labs = labIds();
        for (Lesson lesson : lessons().all()) {
            assertThat(lesson.labs()).as(lesson.slug() + " labs").allMatch(labs::contains);
        }
    }

    @Test
    void linksBetweenLessonsAndLabsLeadSomewhere() throws Exception {
        LessonCatalog catalog = lessons();
        Set<String> labs = labIds();
        for (Lesson lesson : catalog.all()) {
            Matcher link = INTERNAL_LINK.matcher(lesson.body().html());
            while (link.find()) {
                boolean exists = link.group(1).equals("lessons")
                        ? catalog.find(link.group(2)).isPresent()
                        : labs.contains(link.group(2));
                assertThat(exists).as(lesson.slug() + " links to /" + link.group(1) + "/" + link.group(2)).isTrue();
            }
        }
    }

    @Test
    void everyVideoIsAnHttpsAddress() {
        for (Lesson lesson : lessons().all()) {
            if (lesson.video() != null) {
                assertThat(lesson.video().url()).as(lesson.slug() + " video").startsWith("https://");
            }
        }
    }
}
