package org.ecslabs.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.QueryParameters;
import org.ecslabs.simulator.protocol.RequestLimits;
import org.ecslabs.simulator.protocol.WireRequest;
import org.ecslabs.simulator.protocol.WireResponse;

/**
 * The simulator on its own: the AWS endpoint at {@code /} on the JDK's HTTP server, state in an
 * H2 file in the data folder (or the database of {@code --db-url} or {@code ECSLABS_SIM_DB_URL}),
 * solo mode. {@code java -jar ecs-simulator.jar --port 4599 [--data DIR | --db-url JDBC_URL]}
 */
public final class StandaloneServer implements AutoCloseable {
    static final int DEFAULT_PORT = 4599;
    static final String DEFAULT_DATA = "./data-simulator";
    /** A JDBC URL in the environment keeps a database password off the command line (and out of ps). */
    static final String DB_URL_ENV = "ECSLABS_SIM_DB_URL";
    private static final String USAGE = "usage: java -jar ecs-simulator.jar [--port N] [--data DIR | --db-url JDBC_URL]\n"
            + "  --port N          TCP port of the AWS endpoint (default " + DEFAULT_PORT + ", 0 for any free port)\n"
            + "  --data DIR        folder for the simulator's H2 database (default " + DEFAULT_DATA + ")\n"
            + "  --db-url JDBC_URL the simulator's database instead, e.g. jdbc:postgresql://host:5432/sim?user=sim\n"
            + "                    (also " + DB_URL_ENV + "; the flag wins)";

    private final HttpServer server;
    private final ExecutorService workers;
    private final Simulator simulator;
    private final PrintStream log;
    /** Calls being served; close() waits for them before it stops the HTTP server. */
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean closing;

    private StandaloneServer(HttpServer server, ExecutorService workers, Simulator simulator, PrintStream log) {
        this.server = server;
        this.workers = workers;
        this.simulator = simulator;
        this.log = log;
    }

    /** Serves {@code simulator} at {@code /} on {@code port} (0: any free port), logging to {@code log}. */
    public static StandaloneServer start(int port, Simulator simulator, PrintStream log) throws IOException {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm
        // and the client's delayed ACK add some 40 ms to every keep-alive call.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
        HttpServer server = HttpServer.create(new InetSocketAddress(port), 64);
        ExecutorService workers = Executors.newFixedThreadPool(16, runnable -> {
            Thread thread = new Thread(runnable, "simulator-http");
            thread.setDaemon(true);
            return thread;
        });
        StandaloneServer standalone = new StandaloneServer(server, workers, simulator, log);
        server.createContext("/", standalone::serve);
        server.setExecutor(workers);
        server.start();
        return standalone;
    }

    /** The H2 file database in a data folder. */
    public static String jdbcUrl(Path dataDir) {
        // The server closes the database itself, after its last write; H2 closing it from its own
        // shutdown hook would fail the calls still in flight at a SIGTERM.
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("simulator") + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Simulator simulator() {
        return simulator;
    }

    private void serve(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try {
            if (closing) {
                // Shutting down: a retrying client tries again elsewhere or later, as with AWS.
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
            serveCall(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void serveCall(HttpExchange exchange) throws IOException {
        long started = System.nanoTime();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                // One byte over the limit is enough for the simulator to refuse it in the caller's protocol.
                body = in.readNBytes(RequestLimits.MAX_BODY_BYTES + 1);
            }
            WireRequest request = new WireRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            WireResponse response = simulator.handle(request);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
            log.printf("%s %s %s %s %d %.1fms%n", Instant.now(), request.method(), request.path(), operation(request),
                    response.status(), (System.nanoTime() - started) / 1e6);
        }
    }

    private static String operation(WireRequest request) {
        String target = request.header("X-Amz-Target");
        if (target != null) {
            return target;
        }
        try {
            String action = QueryParameters.of(request).get("Action");
            return action == null ? "-" : action;
        } catch (AwsException e) {
            return "-";
        }
    }

    /**
     * Refuses new calls (503), lets the calls in flight finish and answer (never interrupting a
     * database write), stops the HTTP server, then the ticker, and closes the database.
     */
    @Override
    public void close() {
        closing = true;
        try {
            // Bounded: a call holds an account's lock for at most a catch-up budget and its write.
            for (int waited = 0; inFlight.get() > 0 && waited < 3000; waited++) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop(0);
        workers.shutdown();
        try {
            if (!workers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                log.printf("%s simulator: calls still running after 30 s at shutdown%n", Instant.now());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        simulator.close();
    }

    public static void main(String[] args) {
        int port = DEFAULT_PORT;
        Path data = Path.of(DEFAULT_DATA);
        String dbUrl = System.getenv(DB_URL_ENV);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    System.out.println(USAGE);
                    return;
                }
                case "--port" -> port = parsePort(value(args, i++));
                case "--data" -> data = Path.of(value(args, i++));
                case "--db-url" -> dbUrl = value(args, i++);
                default -> fail("unknown argument '" + arg + "'");
            }
        }
        if (dbUrl != null && dbUrl.isBlank()) {
            dbUrl = null;
        }
        if (dbUrl != null && !dbUrl.startsWith("jdbc:")) {
            fail("--db-url must be a JDBC URL such as jdbc:postgresql://host:5432/sim, got '" + SimulatorConfig.redacted(dbUrl) + "'");
        }
        if (dbUrl == null) {
            try {
                Files.createDirectories(data);
            } catch (IOException e) {
                fail("cannot create the data folder " + data + ": " + e.getMessage());
            }
        }
        String where = dbUrl == null ? "data in " + data.toAbsolutePath().normalize() : "database " + SimulatorConfig.redacted(dbUrl);
        Simulator simulator;
        try {
            simulator = Simulator.create(SimulatorConfig.withJdbcUrl(dbUrl == null ? jdbcUrl(data) : dbUrl));
        } catch (IllegalStateException e) {
            // Typically another server holds the database file.
            System.err.println("ecs-simulator: " + e.getMessage());
            System.exit(1);
            return;
        }
        StandaloneServer server;
        try {
            server = start(port, simulator, System.out);
        } catch (IOException e) {
            simulator.close();
            System.err.println("ecs-simulator: cannot listen on port " + port + ": " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "simulator-shutdown"));
        System.out.println("ecs-simulator: AWS endpoint at http://localhost:" + server.port() + "/ (" + where + ", services: "
                + String.join(", ", simulator.services().stream().map(s -> s.signingName()).toList())
                + "; credentials test/test)");
    }

    private static String value(String[] args, int i) {
        if (i + 1 >= args.length) {
            fail(args[i] + " needs a value");
        }
        return args[i + 1];
    }

    private static int parsePort(String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // Reported below.
        }
        fail("--port must be a number from 0 to 65535, got '" + text + "'");
        return -1;
    }

    private static void fail(String message) {
        System.err.println("ecs-simulator: " + message);
        System.err.println(USAGE);
        System.exit(2);
    }
}
