package org.ecslabs.app.console;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A ring buffer per service of its desired, running and pending counts over simulated time,
 * sampled on each poll of the console's live view, for the chart. Thread-safe: synchronized.
 */
final class ServiceHistory {

    /** One sample: simulated time in epoch seconds and the service's counts then. */
    record Sample(double t, int desired, int running, int pending) {
    }

    private final int capacity;
    private final Map<String, Deque<Sample>> samples = new HashMap<>();

    ServiceHistory(int capacity) {
        this.capacity = capacity;
    }

    synchronized void record(double now, List<SandboxState.ServiceView> services) {
        samples.keySet().retainAll(services.stream().map(SandboxState.ServiceView::key).toList());
        for (SandboxState.ServiceView service : services) {
            Deque<Sample> buffer = samples.computeIfAbsent(service.key(), key -> new ArrayDeque<>());
            Sample last = buffer.peekLast();
            if (last != null && now < last.t()) {
                // The account was reset or its clock went back: an old history would draw backwards.
                buffer.clear();
                last = null;
            }
            Sample sample = new Sample(now, service.desiredCount(), service.runningCount(), service.pendingCount());
            if (last != null && last.t() == now) {
                buffer.pollLast();
            }
            buffer.addLast(sample);
            while (buffer.size() > capacity) {
                buffer.pollFirst();
            }
        }
    }

    synchronized List<Sample> samples(String service) {
        Deque<Sample> buffer = samples.get(service);
        return buffer == null ? List.of() : List.copyOf(buffer);
    }
}
