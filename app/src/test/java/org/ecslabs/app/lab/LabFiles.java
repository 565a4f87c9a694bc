package org.ecslabs.app.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The repository's labs folder, seen from a test run in the app module or at the root. */
final class LabFiles {

    private LabFiles() {
    }

    static Path folder() {
        for (Path candidate : List.of(Path.of("..", "labs"), Path.of("labs"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no labs/ folder next to the app module");
    }

    static List<Lab> all() {
        return LabParser.loadAll(folder());
    }
}
