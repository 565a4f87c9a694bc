package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.ServiceLoader;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * What other simulated services add to a task's life (IAM roles, secrets, awslogs, ECR images,
 * Cloud Map), without ECS knowing them: implementations are found with {@link ServiceLoader}
 * (META-INF/services/org.ecslabs.simulator.ecs.TaskHooks). Called under the account's lock, like
 * any tick or call.
 */
public interface TaskHooks {
    /**
     * One task as the hooks see it: the task definition in DescribeTaskDefinition's shape with the
     * task's role overrides applied, and the service (serviceRegistries, serviceConnectConfiguration)
     * in DescribeServices' shape, or null for a standalone task.
     */
    record TaskInfo(String taskArn, String clusterName, String serviceName, String launchType, String privateIp,
                    String availabilityZone, JsonNode taskDefinition, JsonNode service) {
    }

    record StartFailure(String stopCode, String stoppedReason) {
    }

    /** RunTask or StartTask is about to create tasks: a ClientException message to refuse them, or null. */
    default String launchProblem(Sandbox sandbox, TaskInfo task) {
        return null;
    }

    /** The task is about to leave PENDING: why it fails to start, or null to let it go on. */
    default StartFailure beforeStart(Sandbox sandbox, TaskInfo task) {
        return null;
    }

    /** The task has just reached RUNNING. */
    default void running(Sandbox sandbox, TaskInfo task) {
    }

    /**
     * The task is on its way to STOPPED (called once or more; implementations are idempotent).
     * Returns whether it changed anything, so that the tick is saved.
     */
    default boolean stopping(Sandbox sandbox, String taskArn, String stoppedReason) {
        return false;
    }

    /** Every hook on the class path, loaded once. */
    static List<TaskHooks> all() {
        return Loaded.HOOKS;
    }

    /** Holder: the hooks are immutable once loaded. */
    final class Loaded {
        private static final List<TaskHooks> HOOKS = ServiceLoader.load(TaskHooks.class).stream()
                .map(ServiceLoader.Provider::get).toList();

        private Loaded() {
        }
    }
}
