package org.ecslabs.app.console;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.app.web.Learner;

/**
 * One {@link ConsoleSession} per learner and back end, kept in memory (shell variables and the
 * chart's history are a terminal's state, not a record worth storing), over clients shared per
 * back end. Switching between the simulator and a real account switches sessions, so their shell
 * variables never mix. Thread-safe: concurrent maps.
 */
final class ConsoleSessions {

    private record Key(String learner, Backend backend) {
    }

    /** Long enough for a big clock advance, which the simulator computes tick by tick. */
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);

    private final Map<Backend, AwsClients> clients = new ConcurrentHashMap<>();
    private final Map<Key, ConsoleSession> sessions = new ConcurrentHashMap<>();

    ConsoleSession of(Learner learner, ConsoleTarget target) {
        Backend backend = target.backend();
        return sessions.computeIfAbsent(new Key(learner.id(), backend),
                key -> new ConsoleSession(new OperationInvoker(clients.computeIfAbsent(backend,
                        found -> new AwsClients(found, CALL_TIMEOUT)))));
    }
}
