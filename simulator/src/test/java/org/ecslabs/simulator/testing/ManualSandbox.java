package org.ecslabs.simulator.testing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.Protocol;

/**
 * The sandbox the simulator's unit tests drive services through without the wire layer: one
 * account, a clock that moves only when the test advances it, ids from a seeded random so that a
 * failing test reproduces, and every state written to JSON and read back after each call and
 * each advance, as the engine persists it, so a state class that does not survive persistence
 * fails the test.
 *
 * <p>Like the engine, a call first ticks every service at the current instant, then runs, then
 * persists; {@link #advance} moves the clock one second at a time and ticks every service at each.
 * Unlike the engine, the states read back replace the live objects (unless
 * {@link #keepingLiveStates}), as if the simulator restarted after every call.
 */
public class ManualSandbox implements Sandbox {
    /** Where the clock starts unless a test names its own start (tests that assert times do). */
    public static final Instant DEFAULT_START = Instant.parse("2026-01-15T10:00:00Z");

    /**
     * Stricter than the engine's own mapper on purpose: a property that is written but cannot be
     * read back (a derived getter, a field without a setter) fails here instead of being dropped.
     */
    private static final ObjectMapper PERSISTENCE = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Account account;
    private final String region;
    private final Map<Class<?>, Object> states = new LinkedHashMap<>();

    /** A sandbox whose clock starts at {@link #DEFAULT_START} and ticks the given services. */
    public ManualSandbox(AwsService... services) {
        this(DEFAULT_START, services);
    }

    public ManualSandbox(Instant start, AwsService... services) {
        this.account = new Account(start, List.of(services));
        this.region = "us-east-1";
        account.regions.put(region, this);
    }

    private ManualSandbox(Account account, String region) {
        this.account = account;
        this.region = region;
    }

    /**
     * Runs {@code eachSecond} every time the clock moves on a second, before the services tick:
     * for a scripted stand-in that is no {@link AwsService} (scaling's ScriptedEcs) and must see
     * time pass exactly once per second, never on the extra tick before a call.
     */
    public ManualSandbox onEverySecond(Runnable eachSecond) {
        account.eachSecond.add(eachSecond);
        return this;
    }

    /**
     * Still proves after each call and advance that every state survives JSON, but keeps the live
     * objects instead of the copies read back, as the engine itself does between calls. Only for
     * a test that holds a state object across calls (IamServiceTest keeps a Role and evaluates
     * policies on it after later calls change it); by default the copies replace the live
     * objects, which also catches a service that keeps hold of state beyond one call.
     */
    public ManualSandbox keepingLiveStates() {
        account.keepLiveStates = true;
        return this;
    }

    /** The same account in another region, on the same clock, ids and services. */
    @Override
    public Sandbox inRegion(String otherRegion) {
        return account.regions.computeIfAbsent(otherRegion, r -> new ManualSandbox(account, r));
    }

    @Override
    public String accountId() {
        return "000000000000";
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public Instant now() {
        return account.now;
    }

    @Override
    public <T> T state(Class<T> type) {
        return type.cast(states.computeIfAbsent(type, ManualSandbox::instantiate));
    }

    @Override
    public String newId() {
        return String.format("%016x%016x", account.random.nextLong(), account.random.nextLong());
    }

    /** Calls an operation with input written as JSON text (null or blank for none). */
    public JsonNode call(AwsService service, String operation, String json) {
        return call(service, operation, parse(json == null || json.isBlank() ? "{}" : json));
    }

    /**
     * Calls an operation the way the engine does: tick every service, call, persist (also when
     * the call fails). A service the sandbox was not given is ticked too, so that a test of one
     * service needs to name it only where it calls it.
     */
    public JsonNode call(AwsService service, String operation, ObjectNode input) {
        tickAll();
        if (!account.services.contains(service)) {
            service.tick(this);
        }
        try {
            JsonNode result = service.call(this, operation, input);
            if (service.protocol() != Protocol.AWS_JSON_1_1) {
                // The wire writes these as XML, timestamps and all, from the tree as it is.
                return result;
            }
            // A JSON protocol's answer goes over the wire as this text: make sure it survives it.
            return PERSISTENCE.readTree(PERSISTENCE.writeValueAsString(result));
        } catch (IOException e) {
            throw new IllegalStateException(operation + " answered something that is not JSON", e);
        } finally {
            persistAndReload();
        }
    }

    /** Moves the clock on one second at a time, ticking every service at each, as the engine does. */
    public void advance(long seconds) {
        for (long i = 0; i < seconds; i++) {
            account.now = account.now.plusSeconds(1);
            account.eachSecond.forEach(Runnable::run);
            tickAll();
        }
        persistAndReload();
    }

    public void advance(Duration duration) {
        if (duration.getNano() != 0) {
            throw new IllegalArgumentException("the clock moves in whole seconds: " + duration);
        }
        advance(duration.getSeconds());
    }

    private void tickAll() {
        for (ManualSandbox sandbox : new ArrayList<>(account.regions.values())) {
            for (AwsService service : account.services) {
                service.tick(sandbox);
            }
        }
    }

    private void persistAndReload() {
        for (ManualSandbox sandbox : account.regions.values()) {
            for (Map.Entry<Class<?>, Object> entry : sandbox.states.entrySet()) {
                try {
                    String json = PERSISTENCE.writeValueAsString(entry.getValue());
                    Object copy = PERSISTENCE.readValue(json, entry.getKey());
                    if (!account.keepLiveStates) {
                        entry.setValue(copy);
                    }
                } catch (IOException e) {
                    throw new IllegalStateException("State " + entry.getKey().getSimpleName() + " does not persist", e);
                }
            }
        }
    }

    private static ObjectNode parse(String json) {
        try {
            return (ObjectNode) PERSISTENCE.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static Object instantiate(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("State type " + type.getName() + " needs a no-arg constructor", e);
        }
    }

    /** What the regions of one account share. */
    private static final class Account {
        private final List<AwsService> services;
        private final List<Runnable> eachSecond = new ArrayList<>();
        private final Map<String, ManualSandbox> regions = new LinkedHashMap<>();
        private final Random random = new Random(42);
        private boolean keepLiveStates;
        private Instant now;

        Account(Instant start, List<AwsService> services) {
            this.now = start;
            this.services = services;
        }
    }
}
