package org.ecslabs.simulator.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An account in memory: its clock, how far its ticks have run, its region sandboxes. Every field
 * is guarded by {@link #lock}; the engine holds it for the whole of a call or a catch-up.
 */
final class AccountRuntime {
    final ReentrantLock lock = new ReentrantLock();
    private final String accountId;
    boolean loaded;
    AccountClock clock;
    /** The simulated time up to which every service has ticked. */
    Instant tickedTo;
    /** The time sandboxes report: the tick being run, or the call's time. */
    private Instant now;
    /** The clock changed in a way the store does not know yet. */
    boolean clockDirty;
    final Map<String, RegionSandbox> sandboxes = new LinkedHashMap<>();

    AccountRuntime(String accountId) {
        this.accountId = accountId;
    }

    String accountId() {
        return accountId;
    }

    Instant now() {
        return now;
    }

    void now(Instant now) {
        this.now = now;
    }

    StateStore.ClockRow clockRow() {
        return new StateStore.ClockRow(clock.anchor(), clock.wallAnchor(), clock.speed(), tickedTo);
    }
}
