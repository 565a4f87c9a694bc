package org.ecslabs.app.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link AwsClients} per back end, kept between requests: building SDK clients is slow next
 * to a check. Back ends are few (the simulator, plus a real account per learner who enters keys).
 * Thread-safe: a concurrent map.
 */
public final class AwsClientsPool implements AutoCloseable {

    private final Map<Backend, AwsClients> clients = new ConcurrentHashMap<>();

    public AwsClients clients(Backend backend) {
        return clients.computeIfAbsent(backend, AwsClients::new);
    }

    @Override
    public void close() {
        clients.values().forEach(AwsClients::close);
        clients.clear();
    }
}
