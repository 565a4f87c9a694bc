package org.ecslabs.simulator.autoscaling;

import java.util.List;
import java.util.Optional;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScalableTarget;
import org.ecslabs.simulator.autoscaling.AutoScalingState.ScalingActivity;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.load.EcsServices;
import org.ecslabs.simulator.load.ServiceRef;
import org.ecslabs.simulator.protocol.AwsException;

/** Changes a target's capacity through ECS and writes the scaling activity that tells the story. */
final class Scaler {
    /** How many activities a sandbox keeps. */
    static final int ACTIVITY_LIMIT = 1000;

    private final EcsServices ecs;

    Scaler(EcsServices ecs) {
        this.ecs = ecs;
    }

    Optional<ServiceRef> service(Sandbox sandbox, ScalableTarget target) {
        return EcsServices.parseResourceId(target.resourceId)
                .flatMap(ref -> ecs.find(sandbox, ref.cluster(), ref.service()));
    }

    /** The ECS service's desiredCount, or empty when the service is gone. */
    Optional<Integer> current(Sandbox sandbox, ScalableTarget target) {
        return service(sandbox, target).map(service -> ecs.desiredCount(sandbox, service));
    }

    /**
     * Sets the desired count (within the target's min and max) and records the activity.
     * Returns whether the capacity changed.
     */
    boolean scaleTo(Sandbox sandbox, ScalableTarget target, int wanted, String cause) {
        Optional<ServiceRef> service = service(sandbox, target);
        if (service.isEmpty()) {
            return false;
        }
        int current = ecs.desiredCount(sandbox, service.get());
        int desired = Math.max(target.minCapacity, Math.min(target.maxCapacity, wanted));
        if (desired == current) {
            return false;
        }
        try {
            ecs.setDesiredCount(sandbox, service.get(), desired);
        } catch (AwsException e) {
            record(sandbox, target, "Setting desired count to " + desired + ".", cause, "Failed",
                    "Failed to set desired count to " + desired + ". " + e.getMessage());
            return false;
        }
        record(sandbox, target, "Setting desired count to " + desired + ".", cause, "Successful",
                "Successfully set desired count to " + desired + ". Change successfully fulfilled by ecs.");
        return true;
    }

    /**
     * Records why a policy did not scale, as a not scaled activity (shown with IncludeNotScaledActivities).
     * While an alarm keeps invoking the policy the reason stays the same; it is recorded once.
     */
    void notScaled(Sandbox sandbox, ScalableTarget target, String cause, String code, int current) {
        List<ScalingActivity> activities = sandbox.state(AutoScalingState.class).activities;
        for (int i = activities.size() - 1; i >= 0; i--) {
            ScalingActivity previous = activities.get(i);
            if (previous.resourceId.equals(target.resourceId)
                    && previous.scalableDimension.equals(target.scalableDimension)) {
                if (code.equals(previous.notScaledCode) && cause.equals(previous.cause)) {
                    return;
                }
                break;
            }
        }
        ScalingActivity activity = record(sandbox, target, "Attempting to scale due to alarm triggered", cause,
                "Failed", null);
        activity.notScaledCode = code;
        switch (code) {
            case "AlreadyAtMaxCapacity" -> activity.notScaledMaxCapacity = target.maxCapacity;
            case "AlreadyAtMinCapacity" -> activity.notScaledMinCapacity = target.minCapacity;
            default -> activity.notScaledCurrentCapacity = current;
        }
    }

    ScalingActivity record(Sandbox sandbox, ScalableTarget target, String description, String cause, String status,
                           String message) {
        AutoScalingState state = sandbox.state(AutoScalingState.class);
        ScalingActivity activity = new ScalingActivity();
        activity.activityId = uuid(sandbox.newId());
        activity.serviceNamespace = target.serviceNamespace;
        activity.resourceId = target.resourceId;
        activity.scalableDimension = target.scalableDimension;
        activity.description = description;
        activity.cause = cause;
        activity.startTime = sandbox.now().toEpochMilli();
        activity.endTime = activity.startTime;
        activity.statusCode = status;
        activity.statusMessage = message;
        List<ScalingActivity> activities = state.activities;
        activities.add(activity);
        if (activities.size() > ACTIVITY_LIMIT) {
            activities.subList(0, activities.size() - ACTIVITY_LIMIT).clear();
        }
        return activity;
    }

    /** 32 hex digits as a UUID, the form AWS uses for activity and policy ids. */
    static String uuid(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }
}
