package org.ecslabs.app;

import io.javalin.Javalin;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import org.ecslabs.app.markdown.MarkdownFileException;
import org.ecslabs.app.metrics.MetricsAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads configuration from the environment and starts the app. */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    /**
     * Starts listening on {@code ECSLABS_HOST} and {@code PORT}. Solo mode has no sign-in: on an address
     * other people can reach, anyone could read progress, use the stored AWS keys and run commands.
     */
    static Javalin listen(Javalin app, AppConfig config) {
        app.start(config.host(), config.port());
        if (!config.classroom() && !isLoopback(config.host())) {
            LOG.warn("Solo mode has no sign-in and listens on {}: anyone who can reach port {} can use it, including "
                    + "the AWS keys stored in it. Unset ECSLABS_HOST (127.0.0.1) or run ECSLABS_MODE=classroom.",
                    config.host(), app.port());
        }
        if (config.classroom() && config.publicUrl() == null) {
            LOG.warn("Classroom mode without ECSLABS_PUBLIC_URL answers only to localhost; set ECSLABS_PUBLIC_URL to the "
                    + "address students open (such as https://ecs.example.edu)");
        }
        return app;
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public static void main(String[] args) {
        long begun = System.nanoTime();
        AppContext context;
        try {
            AppConfig config = AppConfig.fromEnv(System.getenv(), Path.of("").toAbsolutePath());
            MetricsAccess.fromEnv(System.getenv()); // a bad ECSLABS_METRICS stops start-up here, with one line
            context = AppContext.open(config);
        } catch (ConfigException | MarkdownFileException e) {
            // One line an operator or author can act on; no stack trace.
            System.err.println("ecs-labs cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        long opened = System.nanoTime();
        Javalin app;
        try {
            app = App.create(context);
        } catch (ConfigException e) {
            // Classroom mode creates the first admin here, from ECSLABS_ADMIN_EMAIL and its password file.
            System.err.println("ecs-labs cannot start: " + e.getMessage());
            context.close();
            System.exit(2);
            return;
        }
        try {
            listen(app, context.config());
        } catch (RuntimeException e) {
            System.err.println("ecs-labs cannot start: PORT: cannot listen on " + context.config().host() + " port "
                    + context.config().port() + " (" + e.getMessage() + "); free the port or set PORT to another one"
                    + " (or ECSLABS_HOST to an address of this machine)");
            System.exit(2);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            // Order matters: no request may reach the simulator or the database once they close.
            long stopping = System.nanoTime();
            app.stop();
            context.close();
            LOG.info("ecs-labs stopped in {} ms", (System.nanoTime() - stopping) / 1_000_000);
        }, "shutdown"));
        LOG.info("ecs-labs {} on http://localhost:{}/ ({} lessons from {}, data in {})", BuildInfo.CURRENT.version(),
                app.port(), context.lessons().all().size(), context.content().describe(), context.config().dataDir());
        // What start-up costs, so that a slow one can be told apart: the course, database and simulator, then the web server.
        LOG.info("started in {} ms (context {} ms, web server {} ms)", (System.nanoTime() - begun) / 1_000_000,
                (opened - begun) / 1_000_000, (System.nanoTime() - opened) / 1_000_000);
    }
}
