package org.ecslabs.app.quiz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.ecslabs.app.content.ContentSource;

/** The course in this repository as the app loads it: tests run in app/, the course is one level up. */
final class ShippedBank {
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private ShippedBank() {
    }

    /** The bank the app would load from the working copy (both pools and the exam blueprints). */
    static QuestionBank load() {
        return QuestionBank.load(ContentSource.directory(ROOT));
    }

    /** The base names of the {@code .md} files in a folder of the course, such as "content" or "labs". */
    static List<String> baseNames(String folder) {
        try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".md"))
                    .map(name -> name.substring(0, name.length() - 3)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
