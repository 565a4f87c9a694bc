package org.ecslabs.app.metrics;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ecslabs.app.web.Feature;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.protocol.WireRequest;
import org.ecslabs.simulator.protocol.WireResponse;

/**
 * The app's figures at {@code GET /metrics}, in the Prometheus text format: HTTP requests and their
 * latency by route template ({@code /api/labs/{id}/check}, never the id itself), calls to the AWS
 * endpoint by service, operation and error code, JVM memory and threads, the H2 database's size on
 * disk and the simulator's accounts. Who may read it: {@link MetricsAccess}. Thread-safe: Micrometer's
 * registry is.
 */
public final class AppMetrics implements Feature {
    /** Label sets beyond this many are counted under "other": a client must not be able to grow memory. */
    static final int MAX_AWS_SERIES = 2000;
    private static final Duration[] BUCKETS = {Duration.ofMillis(5), Duration.ofMillis(25), Duration.ofMillis(100),
            Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofSeconds(10)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MetricsAccess access;
    private final Set<AwsCall> awsSeries = ConcurrentHashMap.newKeySet();

    /**
     * @param dbUrl     the app's JDBC URL: an H2 file database's size is reported, any other is not
     * @param simulator the built-in simulator, whose accounts are counted
     */
    public AppMetrics(MetricsAccess access, String dbUrl, Simulator simulator) {
        this.access = access;
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        h2File(dbUrl).ifPresent(file -> Gauge.builder("ecslabs.database.size", file, AppMetrics::size)
                .description("Size of the H2 database file").baseUnit("bytes").register(registry));
        Gauge.builder("ecslabs.simulator.accounts", simulator, sim -> sim.accounts().list().size())
                .description("Accounts the built-in simulator holds").register(registry);
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/metrics", this::scrape);
    }

    private void scrape(Context ctx) {
        if (!access.allows(ctx)) {
            // As if there were nothing here: whether metrics exist is not for strangers to learn.
            throw new NotFoundResponse();
        }
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(registry.scrape());
    }

    /** One HTTP request, from the request logger. */
    public void request(Context ctx, float millis) {
        Timer.builder("http.server.requests").description("HTTP requests by route template")
                .tag("method", ctx.method().name()).tag("route", route(ctx))
                .tag("status", Integer.toString(ctx.status().getCode()))
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(Duration.ofNanos((long) (millis * 1_000_000)));
    }

    /** One call to the AWS endpoint and how long the simulator took to answer it. */
    public void awsCall(WireRequest request, WireResponse response, Duration took) {
        AwsCall call = AwsCall.of(request, response);
        if (!awsSeries.contains(call) && (awsSeries.size() >= MAX_AWS_SERIES || !awsSeries.add(call))) {
            call = awsSeries.contains(call) ? call : new AwsCall("other", "other", call.errorCode().isEmpty() ? "" : "other");
        }
        Timer.builder("ecslabs.aws.calls").description("Calls to the AWS endpoint by service, operation and error code")
                .tag("service", call.service()).tag("operation", call.operation()).tag("error", call.errorCode())
                .serviceLevelObjectives(BUCKETS)
                .register(registry).record(took);
    }

    /** The route template the request matched; static files and unmatched paths by their kind only. */
    private static String route(Context ctx) {
        String path = ctx.path();
        if (path.startsWith("/assets/") || path.startsWith("/webjars/")) {
            return path.substring(0, path.indexOf('/', 1)) + "/*";
        }
        try {
            String template = ctx.endpoint().path;
            return template == null || template.isEmpty() ? "unmatched" : template;
        } catch (RuntimeException e) {
            return "unmatched";
        }
    }

    /** The file of an H2 file database ({@code jdbc:h2:file:/x/y} or {@code jdbc:h2:/x/y} is /x/y.mv.db). */
    static Optional<Path> h2File(String dbUrl) {
        if (dbUrl == null || !dbUrl.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String rest = dbUrl.substring("jdbc:h2:".length()).split(";", 2)[0];
        if (rest.startsWith("mem:") || rest.startsWith("tcp:") || rest.startsWith("ssl:") || rest.startsWith("zip:")) {
            return Optional.empty();
        }
        String file = rest.startsWith("file:") ? rest.substring("file:".length()) : rest;
        return Optional.of(Path.of(file + ".mv.db"));
    }

    private static double size(Path file) {
        try {
            return Files.exists(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
