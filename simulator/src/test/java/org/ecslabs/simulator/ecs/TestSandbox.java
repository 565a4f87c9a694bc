package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.ecslabs.simulator.ec2.Ec2Service;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * A sandbox for driving services without the wire layer: a manual clock, seeded ids, and state
 * that goes through JSON after every call and tick, as the engine persists it, so a state class
 * that does not survive persistence fails the tests.
 */
final class TestSandbox implements Sandbox {
    private static final ObjectMapper PERSISTENCE = new ObjectMapper().registerModule(new JavaTimeModule())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    private final Map<Class<?>, Object> states = new HashMap<>();
    private final Random random = new Random(42);
    private final List<AwsService> services = List.of(new EcsService(), new Ec2Service());
    private final AwsService ecs = services.get(0);
    private final AwsService ec2 = services.get(1);
    private Instant now = Instant.parse("2026-01-05T10:00:00Z");

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
        return (T) states.computeIfAbsent(type, t -> {
            try {
                return t.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public String newId() {
        return String.format("%016x%016x", random.nextLong(), random.nextLong());
    }

    JsonNode ecs(String operation, String json) {
        return call(ecs, operation, json);
    }

    JsonNode ec2(String operation, String json) {
        return call(ec2, operation, json);
    }

    private JsonNode call(AwsService service, String operation, String json) {
        tickAll();
        try {
            ObjectNode input = (ObjectNode) PERSISTENCE.readTree(json == null || json.isBlank() ? "{}" : json);
            JsonNode result = service.call(this, operation, input);
            // What goes over the wire is text: make sure it serializes.
            return PERSISTENCE.readTree(PERSISTENCE.writeValueAsString(result));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } finally {
            persistAndReload();
        }
    }

    /** Moves the clock on one second at a time, ticking every service, as the engine does. */
    void advance(int seconds) {
        for (int i = 0; i < seconds; i++) {
            now = now.plusSeconds(1);
            tickAll();
        }
        persistAndReload();
    }

    double nowSeconds() {
        return now.toEpochMilli() / 1000.0;
    }

    private void tickAll() {
        for (AwsService service : services) {
            service.tick(this);
        }
    }

    private void persistAndReload() {
        for (Map.Entry<Class<?>, Object> entry : states.entrySet()) {
            try {
                String json = PERSISTENCE.writeValueAsString(entry.getValue());
                entry.setValue(PERSISTENCE.readValue(json, entry.getKey()));
            } catch (IOException e) {
                throw new IllegalStateException("State " + entry.getKey().getSimpleName() + " does not persist", e);
            }
        }
    }
}
