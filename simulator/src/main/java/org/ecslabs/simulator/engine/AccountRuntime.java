package org.ecslabs.simulator.engine;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
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
    /** The store has a clock row for the account (an update, not an insert, writes it). */
    boolean clockStored;
    /** The next order number of a new map entry. */
    private long nextSeq = 1;
    /**
     * A write of ticker changes that has left the lock but may not be committed yet: a call waits
     * for it, so that its own write never lands before older changes to the same rows.
     */
    volatile CompletableFuture<Void> pendingWrite;
    /** A write failed: the in-memory mirror of the stored rows cannot be trusted; reload. */
    volatile boolean broken;
    /** Left out of memory: a caller that still holds this runtime takes the account's new one. */
    volatile boolean evicted;
    /** Wall-clock millis of the last call, for evicting idle accounts. */
    long lastUsedMillis;
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

    /** What one simulated second of this account costs to tick, a moving average in nanoseconds. */
    private double tickCostNanos;

    void recordTickCost(long nanosPerStep) {
        tickCostNanos = tickCostNanos == 0 ? nanosPerStep : tickCostNanos * 0.8 + nanosPerStep * 0.2;
    }

    double tickCostNanos() {
        return tickCostNanos;
    }

    long nextSeq() {
        return nextSeq++;
    }

    void seqAtLeast(long seq) {
        nextSeq = Math.max(nextSeq, seq + 1);
    }

    /** Forgets everything in memory, so that the next use loads the account from the store. */
    void unload() {
        loaded = false;
        broken = false;
        sandboxes.clear();
        clockDirty = false;
        clockStored = false;
        nextSeq = 1;
    }

    StateStore.ClockRow clockRow() {
        return new StateStore.ClockRow(clock.anchor(), clock.wallAnchor(), clock.speed(), tickedTo);
    }
}
