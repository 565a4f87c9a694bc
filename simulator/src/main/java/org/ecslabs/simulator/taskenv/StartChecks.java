package org.ecslabs.simulator.taskenv;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.ecr.EcrImages;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.iam.IamState;
import org.ecslabs.simulator.iam.PolicyEvaluator;
import org.ecslabs.simulator.logs.LogWriter;
import org.ecslabs.simulator.secretsmanager.SecretLookup;
import org.ecslabs.simulator.ssm.ParameterStoreService;

/**
 * What the ECS agent does before a task's containers start, and how it fails: assume the roles,
 * fetch registry auth and pull images, fetch secrets, set up the awslogs driver. Messages follow
 * what ECS reports in stoppedReason.
 */
public final class StartChecks {
    public static final String ECS_TASKS = "ecs-tasks.amazonaws.com";

    private StartChecks() {
    }

    /** A problem found when ECS is asked to launch the task (RunTask, a service's scheduler), or null. */
    public static String launchProblem(Sandbox sandbox, TaskView task) {
        for (String roleArn : new String[] {task.taskRoleArn(), task.executionRoleArn()}) {
            if (roleArn != null && assumable(sandbox, roleArn) == null) {
                return "ECS was unable to assume the role '" + roleArn(sandbox, roleArn) + "' that was provided for this task."
                        + " Please verify that the role being passed has the proper trust relationship and permissions"
                        + " and that your IAM user has permissions to pass this role.";
            }
        }
        return null;
    }

    /**
     * The stoppedReason of a task that cannot start, or null when it can. Called as the task
     * leaves PENDING; has the side effects the real start has (awslogs-create-group creates the
     * group, pulls are recorded in ECR).
     */
    public static Failure startFailure(Sandbox sandbox, TaskView task) {
        String launch = launchProblem(sandbox, task);
        if (launch != null) {
            return new Failure("TaskFailedToStart", launch);
        }
        IamState.Role executionRole = task.executionRoleArn() == null ? null : assumable(sandbox, task.executionRoleArn());
        for (String roleArn : new String[] {task.executionRoleArn(), task.taskRoleArn()}) {
            IamState.Role used = roleArn == null ? null : assumable(sandbox, roleArn);
            if (used != null) {
                used.lastUsedMillis = sandbox.now().toEpochMilli();
                used.lastUsedRegion = sandbox.region();
            }
        }
        Principal principal = new Principal(sandbox, task, executionRole);
        JsonNode containers = task.taskDefinition().path("containerDefinitions");
        // Registry auth and secrets come first (the agent's "execution resource retrieval"), then images, then logs.
        for (JsonNode container : containers) {
            String failure = registryAuth(sandbox, principal, container);
            if (failure == null) {
                failure = secrets(sandbox, principal, container);
            }
            if (failure != null) {
                return new Failure("TaskFailedToStart", failure);
            }
        }
        for (JsonNode container : containers) {
            String failure = pull(sandbox, principal, container);
            if (failure != null) {
                return new Failure("TaskFailedToStart", failure);
            }
        }
        for (JsonNode container : containers) {
            String failure = logs(sandbox, principal, task, container);
            if (failure != null) {
                return new Failure("TaskFailedToStart", failure);
            }
        }
        return null;
    }

    public record Failure(String stopCode, String stoppedReason) {
    }

    private static String registryAuth(Sandbox sandbox, Principal principal, JsonNode container) {
        EcrImages.Reference image = EcrImages.parse(container.path("image").asText());
        if (image == null) {
            return null;
        }
        if (principal.role() == null && principal.task().fargate()) {
            // No one to fetch registry credentials: the pull goes out anonymously and is refused.
            String uri = container.path("image").asText();
            String ref = uri.contains(":") || uri.contains("@") ? uri : uri + ":latest";
            return "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref " + ref
                    + ": pulling from host " + image.registryId() + ".dkr.ecr." + image.region() + ".amazonaws.com failed with"
                    + " status code [manifests " + (image.tag() != null ? image.tag() : image.digest()) + "]: 401 Unauthorized";
        }
        String denied = principal.denied("ecr:GetAuthorizationToken", "*");
        return denied == null ? null : "ResourceInitializationError: unable to pull secrets or registry auth: execution resource"
                + " retrieval failed: unable to retrieve ecr registry auth: service call has been retried 3 time(s): " + denied;
    }

    private static String pull(Sandbox sandbox, Principal principal, JsonNode container) {
        String uri = container.path("image").asText();
        EcrImages.Reference image = EcrImages.parse(uri);
        if (image == null) {
            return null;
        }
        String ref = uri.contains(":") || uri.contains("@") ? uri : uri + ":latest";
        if (principal.denied("ecr:BatchGetImage", image.repositoryArn()) != null) {
            return "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref " + ref
                    + ": pulling from host " + image.registryId() + ".dkr.ecr." + image.region() + ".amazonaws.com failed with status code [manifests "
                    + (image.tag() != null ? image.tag() : image.digest()) + "]: 403 Forbidden";
        }
        Sandbox registry = sandbox.accountId().equals(image.registryId()) ? sandbox.inRegion(image.region()) : null;
        EcrImages.Outcome outcome = registry == null ? EcrImages.Outcome.REPOSITORY_NOT_FOUND : EcrImages.pull(registry, image);
        return switch (outcome) {
            case FOUND, NOT_THIS_REGISTRY -> null;
            case IMAGE_NOT_FOUND -> "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                    + ref + ": " + ref + ": not found";
            case REPOSITORY_NOT_FOUND -> "CannotPullContainerError: pull image manifest has been retried 1 time(s): failed to resolve ref "
                    + ref + ": pull access denied, repository does not exist or may require authorization: server message:"
                    + " insufficient_scope: authorization failed";
        };
    }

    private static String secrets(Sandbox sandbox, Principal principal, JsonNode container) {
        String prefix = "ResourceInitializationError: unable to pull secrets or registry auth: execution resource retrieval failed: ";
        List<String> references = new ArrayList<>();
        container.path("secrets").forEach(secret -> references.add(secret.path("valueFrom").asText()));
        // Private registry credentials are a Secrets Manager secret fetched the same way.
        if (container.path("repositoryCredentials").hasNonNull("credentialsParameter")) {
            references.add(container.path("repositoryCredentials").path("credentialsParameter").asText());
        }
        for (String valueFrom : references) {
            if (valueFrom.startsWith("arn:aws:secretsmanager:")) {
                SecretLookup.Result found = SecretLookup.find(sandbox, valueFrom);
                String resource = found.secretArn() != null ? found.secretArn() : valueFrom;
                String denied = principal.denied("secretsmanager:GetSecretValue", resource);
                if (denied != null) {
                    return prefix + "unable to retrieve secret from asm: service call has been retried 1 time(s): " + denied;
                }
                if (found.error() != null) {
                    return prefix + "unable to retrieve secret from asm: service call has been retried 1 time(s): failed to fetch secret "
                            + valueFrom + " from secrets manager: " + found.error();
                }
            } else {
                Sandbox home = ssmSandbox(sandbox, valueFrom);
                String name = valueFrom.startsWith("arn:") ? valueFrom.substring(valueFrom.indexOf(":parameter") + 10) : valueFrom;
                String arn = valueFrom.startsWith("arn:") ? valueFrom : ParameterStoreService.arn(home, name);
                String denied = principal.denied("ssm:GetParameters", arn);
                if (denied != null) {
                    return prefix + "unable to retrieve secrets from ssm: service call has been retried 1 time(s): " + denied;
                }
                if (ParameterStoreService.find(home, valueFrom) == null) {
                    return prefix + "unable to retrieve secrets from ssm: service call has been retried 1 time(s): invalid ssm parameters: "
                            + valueFrom;
                }
            }
        }
        return null;
    }

    private static String logs(Sandbox sandbox, Principal principal, TaskView task, JsonNode container) {
        JsonNode logging = container.path("logConfiguration");
        if (!"awslogs".equals(logging.path("logDriver").asText())) {
            return null;
        }
        JsonNode options = logging.path("options");
        String group = options.path("awslogs-group").asText("");
        Sandbox logsSandbox = sandbox.inRegion(options.path("awslogs-region").asText(sandbox.region()));
        String groupArn = logsSandbox.arn("logs", "log-group:" + group);
        if (!LogWriter.groupExists(logsSandbox, group)) {
            if (!"true".equalsIgnoreCase(options.path("awslogs-create-group").asText())) {
                return "ResourceInitializationError: failed to validate logger args: The specified log group does not exist. : exit status 1";
            }
            String denied = principal.denied("logs:CreateLogGroup", groupArn + ":log-stream:");
            if (denied != null) {
                return "ResourceInitializationError: failed to validate logger args: create log group: " + denied
                        + " status code: 400, request id: " + sandbox.newId() + " : exit status 1";
            }
            LogWriter.createGroup(logsSandbox, group);
        }
        String stream = TaskLogs.streamName(task, container);
        String streamArn = groupArn + ":log-stream:" + stream;
        for (String action : new String[] {"logs:CreateLogStream", "logs:PutLogEvents"}) {
            String denied = principal.denied(action, streamArn);
            if (denied != null) {
                return "CannotStartContainerError: Error response from daemon: failed to initialize logging driver:"
                        + " failed to create Cloudwatch log stream: " + denied;
            }
        }
        return null;
    }

    private static Sandbox ssmSandbox(Sandbox sandbox, String valueFrom) {
        if (valueFrom.startsWith("arn:aws:ssm:")) {
            return sandbox.inRegion(valueFrom.split(":")[3]);
        }
        return sandbox;
    }

    /** The role if it exists and trusts ECS tasks, else null. */
    static IamState.Role assumable(Sandbox sandbox, String roleArnOrName) {
        IamState iam = IamState.of(sandbox);
        IamState.Role role = roleArnOrName.startsWith("arn:") ? iam.findByArn(sandbox.accountId(), roleArnOrName) : iam.find(roleArnOrName);
        return role != null && PolicyEvaluator.trustsService(role, ECS_TASKS) ? role : null;
    }

    private static String roleArn(Sandbox sandbox, String roleArnOrName) {
        return roleArnOrName.startsWith("arn:") ? roleArnOrName : "arn:aws:iam::" + sandbox.accountId() + ":role/" + roleArnOrName;
    }

    /**
     * Who fetches resources for the task: its execution role on Fargate. On EC2 without an
     * execution role, the container instance role does it, which the simulator takes to have
     * AmazonEC2ContainerServiceforEC2Role (registry auth and logs, no secrets).
     */
    private record Principal(Sandbox sandbox, TaskView task, IamState.Role role) {
        /** Null when allowed, else AWS's AccessDeniedException text. */
        String denied(String action, String resource) {
            if (role == null) {
                boolean instanceRoleAllows = !task.fargate() && (action.startsWith("ecr:") || action.equals("logs:CreateLogStream")
                        || action.equals("logs:PutLogEvents"));
                if (instanceRoleAllows) {
                    return null;
                }
                String who = "arn:aws:sts::" + sandbox.accountId() + ":assumed-role/ecsInstanceRole/" + task.taskId();
                return "AccessDeniedException: User: " + who + " is not authorized to perform: " + action + " on resource: "
                        + resource + " because no identity-based policy allows the " + action + " action";
            }
            PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(IamState.of(sandbox), role, action, resource);
            if (decision == PolicyEvaluator.Decision.ALLOW) {
                return null;
            }
            return "AccessDeniedException: User: arn:aws:sts::" + sandbox.accountId() + ":assumed-role/" + role.roleName + "/"
                    + task.taskId() + " is not authorized to perform: " + action + " on resource: " + resource
                    + (decision == PolicyEvaluator.Decision.EXPLICIT_DENY
                    ? " with an explicit deny in an identity-based policy"
                    : " because no identity-based policy allows the " + action + " action");
        }
    }
}
