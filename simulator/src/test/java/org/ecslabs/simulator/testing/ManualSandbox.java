package org.ecslabs.simulator.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * A real, minimal sandbox for unit tests of one service: one account, one region, a map of
 * states and a clock that only moves when the test advances it. Ids come from a seeded
 * random so that a failing test reproduces.
 */
public final class ManualSandbox implements Sandbox {
    private final String accountId;
    private final String region;
    private final Map<Class<?>, Object> states = new HashMap<>();
    private final Random random;
    private final Map<String, ManualSandbox> regions;
    private Instant now = Instant.parse("2026-01-15T10:00:00Z");

    public ManualSandbox() {
        this("000000000000", "us-east-1");
    }

    public ManualSandbox(String accountId, String region) {
        this.accountId = accountId;
        this.region = region;
        this.random = new Random(42);
        this.regions = new HashMap<>();
        regions.put(region, this);
    }

    private ManualSandbox(ManualSandbox sibling, String region) {
        this.accountId = sibling.accountId;
        this.region = region;
        this.random = sibling.random;
        this.regions = sibling.regions;
        this.now = sibling.now;
    }

    /** The same account in another region, on the same clock. */
    @Override
    public ManualSandbox inRegion(String otherRegion) {
        ManualSandbox other = regions.computeIfAbsent(otherRegion, r -> new ManualSandbox(this, r));
        other.now = now;
        return other;
    }

    @Override
    public String accountId() {
        return accountId;
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Instant now() {
        return now;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public <T> T state(Class<T> type) {
        return type.cast(states.computeIfAbsent(type, ManualSandbox::instantiate));
    }

    @Override
    public String newId() {
        StringBuilder id = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            id.append(Character.forDigit(random.nextInt(16), 16));
        }
        return id.toString();
    }

    private static Object instantiate(Class<?> type) {
        try {
            return type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("state type " + type.getName() + " needs a no-arg constructor", e);
        }
    }
}
