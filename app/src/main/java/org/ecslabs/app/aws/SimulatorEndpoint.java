package org.ecslabs.app.aws;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.app.web.Feature;
import org.ecslabs.simulator.Simulator;
import org.ecslabs.simulator.protocol.WireRequest;
import org.ecslabs.simulator.protocol.WireResponse;

/**
 * The AWS endpoint at {@code /aws}: every request goes to the built-in simulator unchanged, so
 * the AWS CLI, boto3 and the SDKs work against {@code http://localhost:7070/aws} exactly as
 * against AWS (the simulator verifies the signature over the path as received).
 */
public final class SimulatorEndpoint implements Feature {

    /** Told of every call and its answer (the app's metrics). */
    @FunctionalInterface
    public interface CallListener {
        void called(WireRequest request, WireResponse response, Duration took);
    }

    private final Simulator simulator;
    private final CallListener listener;

    public SimulatorEndpoint(Simulator simulator) {
        this(simulator, (request, response, took) -> { });
    }

    public SimulatorEndpoint(Simulator simulator, CallListener listener) {
        this.simulator = simulator;
        this.listener = listener;
    }

    @Override
    public void routes(RoutesConfig routes) {
        // The SDKs post to the endpoint's path, with or without a trailing slash; CloudWatch's
        // RPC v2 CBOR protocol appends /service/<name>/operation/<op>; the query protocol may use GET.
        for (String path : List.of("/aws", "/aws/", "/aws/<rest>")) {
            routes.post(path, this::handle);
            routes.get(path, this::handle);
        }
    }

    private void handle(Context ctx) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(ctx.req().getHeaderNames())) {
            headers.put(name, Collections.list(ctx.req().getHeaders(name)));
        }
        long start = System.nanoTime();
        WireRequest request = new WireRequest(ctx.method().name(), ctx.req().getRequestURI(),
                ctx.queryString(), headers, ctx.bodyAsBytes());
        WireResponse response = simulator.handle(request);
        listener.called(request, response, Duration.ofNanos(System.nanoTime() - start));
        ctx.status(response.status());
        ctx.contentType(response.contentType());
        response.headers().forEach(ctx::header);
        ctx.result(response.body());
    }
}
