package org.ecslabs.simulator.load;

import java.util.List;
import java.util.Optional;
import org.ecslabs.simulator.engine.Sandbox;

/** {@link EcsServices} on the ECS service's own state. */
final class EcsBridge implements EcsServices {
    @Override
    public List<ServiceRef> services(Sandbox sandbox) {
        return List.of();
    }

    @Override
    public Optional<ServiceRef> find(Sandbox sandbox, String cluster, String service) {
        return Optional.empty();
    }

    @Override
    public int runningCount(Sandbox sandbox, ServiceRef service) {
        return 0;
    }

    @Override
    public int desiredCount(Sandbox sandbox, ServiceRef service) {
        return 0;
    }

    @Override
    public void setDesiredCount(Sandbox sandbox, ServiceRef service, int desiredCount) {
        throw new IllegalStateException("ECS is not part of this build yet");
    }

    @Override
    public List<String> targetGroupArns(Sandbox sandbox, ServiceRef service) {
        return List.of();
    }
}
