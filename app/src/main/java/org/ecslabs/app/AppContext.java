package org.ecslabs.app;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import org.ecslabs.app.classroom.SignedIn;
import org.ecslabs.app.content.ContentSource;
import org.ecslabs.app.lab.LabCatalog;
import org.ecslabs.app.lab.LabDirectory;
import org.ecslabs.app.lesson.LessonCatalog;
import org.ecslabs.app.markdown.MarkdownRenderer;
import org.ecslabs.app.quiz.QuestionBank;
import org.ecslabs.app.store.Database;
import org.ecslabs.app.web.CurrentLearner;
import org.ecslabs.app.web.Templates;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.SimulatorConfig;
import org.ecslabs.simulator.engine.Mode;

/**
 * The app's dependencies, built once from the configuration by {@link #open} (Main and the
 * end-to-end tests) or piece by piece by a test. {@link App#create} wires routes from them.
 *
 * @param labs      the lab feature's catalog; {@link LabDirectory#none()} until that feature registers one
 * @param quizzes   the question bank and exam blueprints from quizzes/ and quizzes/exams/
 * @param simulator the built-in AWS simulator served at {@code /aws}
 */
public record AppContext(AppConfig config, Database database, ContentSource content, MarkdownRenderer markdown,
                         LessonCatalog lessons, LabDirectory labs, CurrentLearner learners, Templates templates,
                         Clock clock, QuestionBank quizzes, Simulator simulator) implements AutoCloseable {

    /** A context whose question bank is loaded from {@code content} (quizzes/ and quizzes/exams/). */
    public AppContext(AppConfig config, Database database, ContentSource content, MarkdownRenderer markdown,
                      LessonCatalog lessons, LabDirectory labs, CurrentLearner learners, Templates templates, Clock clock) {
        this(config, database, content, markdown, lessons, labs, learners, templates, clock, QuestionBank.load(content));
    }

    /**
     * A context built piece by piece (tests): its simulator keeps state in the same database and
     * has no background ticker, so simulated time moves only when a call arrives.
     */
    public AppContext(AppConfig config, Database database, ContentSource content, MarkdownRenderer markdown,
                      LessonCatalog lessons, LabDirectory labs, CurrentLearner learners, Templates templates, Clock clock,
                      QuestionBank quizzes) {
        this(config, database, content, markdown, lessons, labs, learners, templates, clock, quizzes,
                Simulator.create(SimulatorConfig.withDataSource(database.dataSource()).withTickEvery(null)
                        .withMode(simulatorMode(config))));
    }

    /** The same context with another lab catalog (the lab feature registers its own). */
    public AppContext withLabs(LabDirectory labs) {
        return new AppContext(config, database, content, markdown, lessons, labs, learners, templates, clock, quizzes, simulator);
    }

    /**
     * Creates the data folder, opens and migrates the database and loads the course. A setting
     * that does not work throws {@link ConfigException}; a broken Markdown file throws
     * {@link org.ecslabs.app.markdown.MarkdownFileException} with its file:line:column.
     */
    public static AppContext open(AppConfig config) {
        try {
            OwnerOnly.createFolder(config.dataDir());
            if (!Files.isWritable(config.dataDir())) {
                throw new IOException("not writable");
            }
        } catch (IOException | RuntimeException e) {
            throw new ConfigException("ECSLABS_DATA", "cannot create or write the data folder '" + config.dataDir()
                    + "'; set ECSLABS_DATA to a writable folder", e);
        }
        ContentSource content = config.contentDir() == null
                ? ContentSource.bundled() : ContentSource.directory(config.contentDir());
        MarkdownRenderer markdown = new MarkdownRenderer();
        LessonCatalog lessons = LessonCatalog.load(content, markdown);
        QuestionBank quizzes = QuestionBank.load(content);
        Templates templates = config.dev() ? Templates.fromSources() : Templates.precompiled();
        Database database = openDatabase(config.dbUrl());
        try {
            OwnerOnly.restrictFiles(config.dataDir(), "ecs-labs");
        } catch (IOException e) {
            database.close();
            throw new ConfigException("ECSLABS_DATA", "cannot make the database files in '" + config.dataDir()
                    + "' owner-only (" + e.getMessage() + "); give the app's user ownership of the folder", e);
        }
        // The built-in AWS endpoint keeps its state in the app's database, so it survives a restart.
        Simulator simulator = Simulator.create(SimulatorConfig.withDataSource(database.dataSource())
                .withMode(simulatorMode(config)));
        // Classroom mode: the sign-in gate puts the signed-in person on each request.
        CurrentLearner learners = config.classroom() ? SignedIn.learners() : CurrentLearner.solo();
        return new AppContext(config, database, content, markdown, lessons, LabCatalog.load(content), learners,
                templates, Clock.systemUTC(), quizzes, simulator);
    }

    /** Classroom mode's simulator accepts only generated key pairs, never the well-known {@code test}. */
    private static Mode simulatorMode(AppConfig config) {
        return config.classroom() ? Mode.CLASSROOM : Mode.SOLO;
    }

    private static Database openDatabase(String url) {
        try {
            return Database.open(url);
        } catch (RuntimeException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            String reason = String.valueOf(cause.getMessage()).lines().findFirst().orElse("");
            throw new ConfigException("ECSLABS_DB_URL", "cannot open the database '" + Database.redacted(url) + "' (" + reason
                    + "); fix the URL or unset ECSLABS_DB_URL to use an H2 database in ECSLABS_DATA", e);
        }
    }

    @Override
    public void close() {
        simulator.close();
        database.close();
    }
}
