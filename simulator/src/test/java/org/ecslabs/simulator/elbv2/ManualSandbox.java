package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * A real sandbox for unit tests: states in a map, a manual clock, and every state written to
 * JSON and read back after each call, as the engine's persistence would.
 */
public class ManualSandbox implements Sandbox {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Map<Class<?>, Object> states = new HashMap<>();
    private final Random random = new Random(42);
    private final List<AwsService> services;
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");

    public ManualSandbox(AwsService... services) {
        this.services = List.of(services);
    }

    @Override
    public String accountId() {
        return "000000000000";
    }

    @Override
    public String region() {
        return "us-east-1";
    }

    @Override
    public Instant now() {
        return now;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T state(Class<T> type) {
        return (T) states.computeIfAbsent(type, key -> {
            try {
                return key.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public String newId() {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    /** Calls an operation of the service that answers it, the way the engine does: tick first, then persist. */
    public JsonNode call(AwsService service, String operation, String json) {
        tickAll();
        try {
            ObjectNode input = (ObjectNode) MAPPER.readTree(json);
            return service.call(this, operation, input);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        } finally {
            persist();
        }
    }

    /** Moves the clock in one-second steps, ticking every service at each. */
    public void advance(long seconds) {
        for (long i = 0; i < seconds; i++) {
            now = now.plusSeconds(1);
            tickAll();
        }
        persist();
    }

    private void tickAll() {
        for (AwsService service : services) {
            service.tick(this);
        }
    }

    private void persist() {
        for (Map.Entry<Class<?>, Object> entry : states.entrySet()) {
            try {
                String json = MAPPER.writeValueAsString(entry.getValue());
                entry.setValue(MAPPER.readValue(json, entry.getKey()));
            } catch (IOException e) {
                throw new IllegalStateException("state " + entry.getKey().getSimpleName() + " does not persist", e);
            }
        }
    }

    public static ObjectNode json(String text) {
        try {
            return (ObjectNode) MAPPER.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
