package org.ecslabs.simulator.scaling;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * A sandbox for unit tests: states in a map, a clock that moves only when told, and ticks of the
 * given services once per simulated second, as the engine ticks them.
 */
final class ManualSandbox implements Sandbox {
    private final Map<Class<?>, Object> states = new HashMap<>();
    private final List<AwsService> services;
    private final ScriptedEcs ecs;
    private Instant now;
    private long ids;

    ManualSandbox(Instant start, ScriptedEcs ecs, List<AwsService> services) {
        this.now = start;
        this.ecs = ecs;
        this.services = services;
        tick();
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
    public <T> T state(Class<T> type) {
        return type.cast(states.computeIfAbsent(type, t -> {
            try {
                var constructor = t.getDeclaredConstructor();
                constructor.setAccessible(true);
                return constructor.newInstance();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    @Override
    public String newId() {
        return String.format("%032x", ++ids);
    }

    void advance(long seconds) {
        for (long i = 0; i < seconds; i++) {
            now = now.plusSeconds(1);
            tick();
        }
    }

    private void tick() {
        ecs.tick();
        services.forEach(service -> service.tick(this));
    }
}
