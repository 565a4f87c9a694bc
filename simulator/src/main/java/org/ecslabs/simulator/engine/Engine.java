package org.ecslabs.simulator.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.ecslabs.simulator.protocol.AwsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs calls and ticks on accounts. Thread-safety: each account has one lock, held for the whole
 * of a call (catch-up ticks, the operation, the write to the store) and of a background catch-up.
 * So a service only ever sees one thread at a time per account, and its state needs no locking;
 * different accounts run in parallel, and nothing on the request path is shared between accounts
 * but the connection pool. See docs/simulator-engine.md for the storage invariants.
 */
public final class Engine implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    private static final Duration STEP = Duration.ofSeconds(1);
    /** The longest a ticker pass catches one account up while holding its lock. */
    static final long TICKER_BUDGET_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** The longest a call catches its account up before it runs (a call sees the time it reached). */
    static final long CALL_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** The share of a core one account's simulated time may take; SetClockSpeed refuses more. */
    private static final double MAX_CORE_SHARE = 1.0;
    /** How many accounts' ticker changes share one transaction. */
    private static final int BATCH = 64;
    /** Accounts untouched this long with a paused clock leave memory (they reload on their next call). */
    private static final long EVICT_AFTER_MILLIS = TimeUnit.MINUTES.toMillis(10);

    private final List<AwsService> services;
    private final StateStore store;
    private final Clock wall;
    private final double initialSpeed;
    private final StateCodec codec = new StateCodec();
    private final Map<String, AccountRuntime> accounts = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;
    private ExecutorService tickPool;
    private int tickThreads;
    private volatile boolean closing;

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
        AccountRuntime account = lockedRuntime(accountId);
        try {
            awaitPendingWrite(account);
            if (account.broken) {
                account.unload();
            }
            load(account);
            account.lastUsedMillis = System.currentTimeMillis();
            catchUp(account, true, CALL_BUDGET_NANOS);
            // What the ticks changed is taken before the call, so that a failing call rolls back to
            // the ticked state; both go to the store in one transaction.
            List<StateStore.Change> changes = takeChanges(account);
            T result;
            try {
                result = work.apply(new CallSession(account, region));
            } catch (RuntimeException e) {
                account.sandboxes.values().forEach(RegionSandbox::rollback);
                write(account, changes);
                throw e;
            }
            changes.addAll(takeChanges(account));
            write(account, changes);
            return result;
        } finally {
            account.lock.unlock();
        }
    }

    /** The account's one runtime, locked; one evicted meanwhile is left for a fresh one. */
    private AccountRuntime lockedRuntime(String accountId) {
        while (true) {
            AccountRuntime account = accounts.computeIfAbsent(accountId, AccountRuntime::new);
            account.lock.lock();
            if (!account.evicted) {
                return account;
            }
            account.lock.unlock();
        }
    }

    /** Starts the daemon that keeps running clocks ticking without calls (so a UI sees tasks start). */
    public synchronized void startTicker(Duration every) {
        if (ticker != null) {
            return;
        }
        tickThreads = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
        ticker = Executors.newSingleThreadScheduledExecutor(daemon("simulator-ticker"));
        tickPool = Executors.newFixedThreadPool(tickThreads, daemon("simulator-tick"));
        ticker.scheduleWithFixedDelay(this::tickPass, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One pass of the ticker: the running accounts split over the tick pool, each part batching its writes. */
    private void tickPass() {
        List<AccountRuntime> running = new ArrayList<>();
        long nowMillis = System.currentTimeMillis();
        for (AccountRuntime account : accounts.values()) {
            if (account.loaded && account.clock.speed() > 0) {
                running.add(account);
            } else {
                evictIfIdle(account, nowMillis);
            }
        }
        List<Future<?>> parts = new ArrayList<>();
        for (int part = 0; part < tickThreads && !closing; part++) {
            List<AccountRuntime> share = new ArrayList<>();
            for (int i = part; i < running.size(); i += tickThreads) {
                share.add(running.get(i));
            }
            if (!share.isEmpty()) {
                parts.add(tickPool.submit(() -> tickAccounts(share)));
            }
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException e) {
                LOG.error("A ticker pass failed", e.getCause());
            }
        }
    }

    private void evictIfIdle(AccountRuntime account, long nowMillis) {
        if (nowMillis - account.lastUsedMillis < EVICT_AFTER_MILLIS || !account.lock.tryLock()) {
            return;
        }
        try {
            if (account.pendingWrite == null && !account.clockDirty && (!account.loaded || account.clock.speed() == 0)) {
                account.evicted = true;
                accounts.remove(account.accountId(), account);
            }
        } finally {
            account.lock.unlock();
        }
    }

    private void tickAccounts(List<AccountRuntime> share) {
        List<StateStore.AccountWrite> batch = new ArrayList<>();
        List<AccountRuntime> batched = new ArrayList<>();
        CompletableFuture<Void> done = new CompletableFuture<>();
        for (AccountRuntime account : share) {
            if (closing) {
                break;
            }
            // A busy account is catching up inside its call anyway.
            if (!account.lock.tryLock()) {
                continue;
            }
            try {
                if (!account.loaded || account.broken || account.pendingWrite != null || account.clock.speed() == 0) {
                    continue;
                }
                catchUp(account, false, TICKER_BUDGET_NANOS);
                List<StateStore.Change> changes = takeChanges(account);
                if (!changes.isEmpty() || account.clockDirty) {
                    batch.add(new StateStore.AccountWrite(account.accountId(), account.clockRow(), !account.clockStored, changes));
                    account.clockStored = true;
                    account.clockDirty = false;
                    account.pendingWrite = done;
                    batched.add(account);
                }
            } catch (RuntimeException e) {
                LOG.error("Background tick of account {} failed", account.accountId(), e);
            } finally {
                account.lock.unlock();
            }
            if (batch.size() >= BATCH) {
                flush(batch, batched, done);
                batch = new ArrayList<>();
                batched = new ArrayList<>();
                done = new CompletableFuture<>();
            }
        }
        flush(batch, batched, done);
    }

    private void flush(List<StateStore.AccountWrite> batch, List<AccountRuntime> batched, CompletableFuture<Void> done) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            store.write(batch);
        } catch (RuntimeException e) {
            // The mirrors are ahead of the rows now: each account reloads what was stored and ticks again.
            batched.forEach(account -> account.broken = true);
            LOG.error("Writing the ticker's changes of {} accounts failed", batch.size(), e);
        } finally {
            batched.forEach(account -> account.pendingWrite = null);
            done.complete(null);
        }
    }

    private static void awaitPendingWrite(AccountRuntime account) {
        CompletableFuture<Void> pending = account.pendingWrite;
        if (pending != null) {
            pending.join();
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
            account.clockStored = false;
        } else {
            account.clock = new AccountClock(row.anchor(), row.wallAnchor(), row.speed());
            account.tickedTo = row.tickedTo();
            account.clockStored = true;
        }
        account.now(account.tickedTo);
        for (StateStore.EntryRow entry : store.loadEntries(account.accountId())) {
            sandbox(account, entry.region()).loaded(entry);
            account.seqAtLeast(entry.seq());
        }
        for (StateStore.LegacyRow legacy : store.loadLegacy(account.accountId())) {
            sandbox(account, legacy.region()).loadedLegacy(legacy);
        }
        account.loaded = true;
    }

    /**
     * Ticks every service in every region the account has state in, one simulated second at a
     * time, up to the clock's now, or until {@code budgetNanos} is spent (the account
     * then lags and catches up further on its next call or ticker pass; its lock is never held
     * long). Before a call it ticks at least once, even on a paused clock, so that a call always
     * sees the consequences of the previous one.
     */
    private void catchUp(AccountRuntime account, boolean beforeCall, long budgetNanos) {
        Instant target = account.clock.now(wall.instant());
        boolean ticked = false;
        long started = System.nanoTime();
        int steps = 0;
        while (account.tickedTo.isBefore(target)) {
            Instant step = account.tickedTo.plus(STEP);
            account.tickedTo = step.isAfter(target) ? target : step;
            tickAll(account);
            ticked = true;
            steps++;
            if (System.nanoTime() - started > budgetNanos) {
                break;
            }
        }
        if (steps >= 10) {
            // Only runs of several seconds: a single step is dominated by a cold start.
            account.recordTickCost((System.nanoTime() - started) / steps);
        }
        if (beforeCall && !ticked) {
            tickAll(account);
        }
        account.now(account.tickedTo);
    }

    private void tickAll(AccountRuntime account) {
        account.now(account.tickedTo);
        for (RegionSandbox sandbox : new ArrayList<>(account.sandboxes.values())) {
            for (AwsService service : services) {
                try {
                    service.tick(sandbox);
                } catch (RuntimeException e) {
                    // One broken service must not stop the others' time.
                    LOG.error("Tick of {} failed for account {} in {}", service.signingName(),
                            account.accountId(), sandbox.region(), e);
                }
            }
        }
    }

    /** The rows the account's used state objects changed; the mirrors count them as stored from here. */
    private List<StateStore.Change> takeChanges(AccountRuntime account) {
        List<StateStore.Change> changes = new ArrayList<>();
        for (RegionSandbox sandbox : new ArrayList<>(account.sandboxes.values())) {
            changes.addAll(sandbox.takeChanges());
        }
        return changes;
    }

    /** Writes the changed rows and the clock in one transaction, if anything changed. */
    private void write(AccountRuntime account, List<StateStore.Change> changes) {
        if (changes.isEmpty() && !account.clockDirty) {
            return;
        }
        try {
            store.write(List.of(new StateStore.AccountWrite(account.accountId(), account.clockRow(),
                    !account.clockStored, changes)));
        } catch (RuntimeException e) {
            account.broken = true;
            throw e;
        }
        account.clockStored = true;
        account.clockDirty = false;
    }

    private RegionSandbox sandbox(AccountRuntime account, String region) {
        return account.sandboxes.computeIfAbsent(region, r -> new RegionSandbox(account, r, codec));
    }

    /**
     * Stops the ticker after its current pass (never interrupting a write), then waits for calls in
     * flight to finish their writes. The store stays open: its owner closes it after this.
     */
    @Override
    public synchronized void close() {
        closing = true;
        if (ticker != null) {
            ticker.shutdown();
            tickPool.shutdown();
            try {
                ticker.awaitTermination(30, TimeUnit.SECONDS);
                tickPool.awaitTermination(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ticker = null;
        }
        for (AccountRuntime account : accounts.values()) {
            try {
                if (account.lock.tryLock(30, TimeUnit.SECONDS)) {
                    account.lock.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
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
            // Asked for explicitly: all of it is simulated before the call answers.
            catchUp(account, false, Long.MAX_VALUE);
            return clock();
        }

        @Override
        public ClockView setSpeed(double factor) {
            double coreShare = factor * account.tickCostNanos() / 1e9;
            if (coreShare > MAX_CORE_SHARE) {
                long keepable = (long) Math.floor(MAX_CORE_SHARE * 1e9 / Math.max(1, account.tickCostNanos()));
                throw new AwsException("LimitExceededException", "This account's resources take "
                        + String.format(java.util.Locale.ROOT, "%.1f", account.tickCostNanos() / 1e6)
                        + " ms to simulate per simulated second; a clock speed of " + factor
                        + " cannot be kept. The highest speed it can keep now is " + Math.max(1, keepable) + ".");
            }
            account.clock.setSpeed(factor, wall.instant(), account.tickedTo);
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
