package org.ecslabs.app;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.ecslabs.simulator.testing.TestDatabases;

/** Builds the real app for tests: the fixture course, a temp data folder, a private database. */
public final class TestApp {
    private TestApp() {
    }

    /** The fixture course (three lessons in two topics) from src/test/resources. */
    public static Path fixtureCourse() {
        try {
            return Path.of(TestApp.class.getResource("/fixtures/course").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A context with a fresh in-memory database. */
    public static AppContext context(Path dataDir) {
        return AppContext.open(new AppConfig(0, dataDir, TestDatabases.freshUrl(),
                fixtureCourse(), false));
    }

    /** A context whose database is a file in {@code dataDir}, so it survives a restart. */
    public static AppContext persistentContext(Path dataDir) {
        return AppContext.open(new AppConfig(0, dataDir, TestDatabases.durableUrl(dataDir, AppConfig.defaultDbUrl(dataDir)),
                fixtureCourse(), false));
    }
}
