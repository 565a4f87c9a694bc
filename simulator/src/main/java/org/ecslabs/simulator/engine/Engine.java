package org.ecslabs.simulator.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls and ticks on accounts. Thread-safety: each account has one lock, held for the whole
 * of a call (catch-up ticks, the operation, the write to the store) and of a background catch-up.
 * So a service only ever sees one thread at a time per account, and its state needs no locking;
 * different accounts run in parallel.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Duration STEP = Duration.ofSeconds(1);

    private final List<AwsService> services;
    private final StateStore store;
    private final Clock wall;
    private final double initialSpeed;
    private final StateCodec codec = new StateCodec();
    private final Map<String, AccountRuntime> accounts = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;

    public Engine(List<AwsService> services, StateStore store, Clock wall, double initialSpeed) {
        this.services = List.copyOf(services);
        this.store = store;
        this.wall = wall;
        this.initialSpeed = initialSpeed;
    }

    /**
     * Runs one call on an account: catches its clock up (ticking every service), runs the work,
     * and writes whatever changed before returning. If the work throws, its state changes are
     * dropped, as AWS leaves nothing behind a failed call.
     */
    public <T> T execute(String accountId, String region, Function<Session, T> work) {
        AccountRuntime account = accounts.computeIfAbsent(accountId, AccountRuntime::new);
        account.lock.lock();
        try {
            load(account);
            // What the ticks changed is stored before the call, so that a failing call rolls back
            // to the ticked state; ticks report their changes, so an idle tick costs no write.
            if (catchUp(account, true) || account.clockDirty) {
                persist(account);
            }
            T result;
            try {
                result = work.apply(new CallSession(account, region));
            } catch (RuntimeException e) {
                account.sandboxes.values().forEach(RegionSandbox::rollback);
                throw e;
            }
            persist(account);
            return result;
        } finally {
            account.lock.unlock();
        }
    }

    /** Starts the daemon that keeps running clocks ticking without calls (so a UI sees tasks start). */
    public synchronized void startTicker(Duration every) {
        if (ticker != null) {
            return;
        }
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "simulator-ticker");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleWithFixedDelay(this::tickRunningClocks, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tickRunningClocks() {
        for (AccountRuntime account : accounts.values()) {
            // A busy account is catching up inside its call anyway.
            if (!account.lock.tryLock()) {
                continue;
            }
            try {
                if (account.loaded && account.clock.speed() > 0 && catchUp(account, false)) {
                    persist(account);
                }
            } catch (RuntimeException e) {
                LOG.error("Background tick of account {} failed", account.accountId(), e);
            } finally {
                account.lock.unlock();
            }
        }
    }

    private void load(AccountRuntime account) {
        if (account.loaded) {
            return;
        }
        Instant wallNow = wall.instant();
        StateStore.ClockRow row = store.loadClock(account.accountId()).orElse(null);
        if (row == null) {
            // Simulated time starts at the wall clock when the account is first used.
            account.clock = new AccountClock(wallNow, wallNow, initialSpeed);
            account.tickedTo = wallNow;
            account.clockDirty = true;
        } else {
            account.clock = new AccountClock(row.anchor(), row.wallAnchor(), row.speed());
            account.tickedTo = row.tickedTo();
        }
        account.now(account.tickedTo);
        for (StateStore.StateRow state : store.loadStates(account.accountId())) {
            sandbox(account, state.region()).loaded(state.stateType(), state.json());
        }
        account.loaded = true;
    }

    /**
     * Ticks every service in every region the account has state in, one simulated second at a
     * time, up to the clock's now. Before a call it ticks at least once, even on a paused clock,
     * so that a call always sees the consequences of the previous one. Returns whether any
     * service reported a change.
     */
    private boolean catchUp(AccountRuntime account, boolean beforeCall) {
        Instant target = account.clock.now(wall.instant());
        boolean ticked = false;
        boolean changed = false;
        while (account.tickedTo.isBefore(target)) {
            Instant step = account.tickedTo.plus(STEP);
            account.tickedTo = step.isAfter(target) ? target : step;
            changed |= tickAll(account);
            ticked = true;
        }
        if (beforeCall && !ticked) {
            changed |= tickAll(account);
        }
        account.now(account.tickedTo);
        return changed;
    }

    private boolean tickAll(AccountRuntime account) {
        boolean changed = false;
        account.now(account.tickedTo);
        for (RegionSandbox sandbox : new ArrayList<>(account.sandboxes.values())) {
            for (AwsService service : services) {
                try {
                    changed |= service.tick(sandbox);
                } catch (RuntimeException e) {
                    // One broken service must not stop the others' time.
                    LOG.error("Tick of {} failed for account {} in {}", service.signingName(),
                            account.accountId(), sandbox.region(), e);
                }
            }
        }
        return changed;
    }

    /** Writes the changed state objects and the clock in one transaction, if anything changed. */
    private void persist(AccountRuntime account) {
        List<StateStore.StateRow> rows = new ArrayList<>();
        Map<RegionSandbox, Map<String, String>> written = new LinkedHashMap<>();
        for (RegionSandbox sandbox : account.sandboxes.values()) {
            Map<String, String> changes = sandbox.changes();
            if (!changes.isEmpty()) {
                written.put(sandbox, changes);
                changes.forEach((type, json) -> rows.add(new StateStore.StateRow(sandbox.region(), type, json)));
            }
        }
        if (rows.isEmpty() && !account.clockDirty) {
            return;
        }
        store.write(account.accountId(), account.clockRow(), rows);
        written.forEach(RegionSandbox::markStored);
        account.clockDirty = false;
    }

    private RegionSandbox sandbox(AccountRuntime account, String region) {
        return account.sandboxes.computeIfAbsent(region, r -> new RegionSandbox(account, r, codec));
    }

    @Override
    public synchronized void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
    }

    /** A call's view of its account; valid while the engine holds the account's lock. */
    private final class CallSession implements Session {
        private final AccountRuntime account;
        private final String region;

        CallSession(AccountRuntime account, String region) {
            this.account = account;
            this.region = region;
        }

        @Override
        public String accountId() {
            return account.accountId();
        }

        @Override
        public String region() {
            return region;
        }

        @Override
        public Sandbox sandbox() {
            return Engine.this.sandbox(account, region);
        }

        @Override
        public ClockView clock() {
            return new ClockView(account.now(), account.clock.speed());
        }

        @Override
        public ClockView advance(Duration by) {
            account.clock.advance(by, wall.instant());
            account.clockDirty = true;
            catchUp(account, false);
            return clock();
        }

        @Override
        public ClockView setSpeed(double factor) {
            account.clock.setSpeed(factor, wall.instant());
            account.clockDirty = true;
            return clock();
        }

        @Override
        public void reset() {
            store.deleteStates(account.accountId());
            account.sandboxes.clear();
        }
    }
}
