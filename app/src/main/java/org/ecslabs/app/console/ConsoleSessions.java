package org.ecslabs.app.console;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.lab.OperationInvoker;
import org.ecslabs.app.web.Learner;

/**
 * One {@link ConsoleSession} per learner, kept in memory (shell variables and the chart's history
 * are a terminal's state, not a record worth storing), over clients shared per back end.
 * Thread-safe: concurrent maps.
 */
final class ConsoleSessions {

    private record Key(String learner, Backend backend) {
    }

    private final Function<Context, Backend> backendFor;
    /** Long enough for a big clock advance, which the simulator computes tick by tick. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Map<Backend, AwsClients> clients = new ConcurrentHashMap<>();
    private final Map<Key, ConsoleSession> sessions = new ConcurrentHashMap<>();

    ConsoleSessions(Function<Context, Backend> backendFor) {
        this.backendFor = backendFor;
    }

    ConsoleSession of(Learner learner, Context ctx) {
        Backend backend = backendFor.apply(ctx);
        return sessions.computeIfAbsent(new Key(learner.id(), backend),
                key -> new ConsoleSession(new OperationInvoker(clients.computeIfAbsent(backend,
                        target -> new AwsClients(target, CALL_TIMEOUT)))));
    }
}
