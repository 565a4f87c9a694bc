package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.ecslabs.simulator.ec2.Ec2Service;
import org.ecslabs.simulator.testing.ManualSandbox;

/** A {@link ManualSandbox} with ECS and EC2, and shorthands for calling them. */
final class EcsSandbox extends ManualSandbox {
    // The ECS tests were written against this start; kept so that their times read as before.
    private static final Instant START = Instant.parse("2026-01-05T10:00:00Z");

    private final EcsService ecs;
    private final Ec2Service ec2;

    EcsSandbox() {
        this(new EcsService(), new Ec2Service());
    }

    private EcsSandbox(EcsService ecs, Ec2Service ec2) {
        super(START, ecs, ec2);
        this.ecs = ecs;
        this.ec2 = ec2;
    }

    JsonNode ecs(String operation, String json) {
        return call(ecs, operation, json);
    }

    JsonNode ec2(String operation, String json) {
        return call(ec2, operation, json);
    }

    /** The clock as ECS writes times: epoch seconds with a fraction. */
    double nowSeconds() {
        return now().toEpochMilli() / 1000.0;
    }
}
