package org.ecslabs.app.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.ecslabs.app.cli.OperationInvoker;

/**
 * How to delete each kind of resource a lab makes, named by its ARN, through the
 * {@link OperationInvoker}: the order deletes go in (what uses something before what it uses), and
 * for each kind the calls that delete it, with what must go first (a service's scaling targets, a
 * role's policies, a cluster's container instances). {@link LabCleanup} decides when to try again.
 * Thread-safe as the invoker is.
 */
final class ResourceDeletes {

    /** How a delete went: done, already gone, to try again next round, or refused for good. */
    enum Status { DELETED, GONE, RETRY, FAILED }

    record Attempt(Status status, String message) {
        static final Attempt DELETED = new Attempt(Status.DELETED, null);
        static final Attempt GONE = new Attempt(Status.GONE, null);
    }

    /** A tagged resource by its ARN: {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    record Arn(String arn, String service, String resource) {
        static Arn parse(String arn) {
            String[] parts = arn.split(":", 6);
            return new Arn(arn, parts.length == 6 ? parts[2] : "", parts.length == 6 ? parts[5] : arn);
        }

        /** The resource's type: the part before the first / or : (cluster, loadbalancer, log-group, ...). */
        String type() {
            int end = resource.length();
            for (char separator : new char[] {'/', ':'}) {
                int at = resource.indexOf(separator);
                if (at >= 0 && at < end) {
                    end = at;
                }
            }
            return resource.substring(0, end);
        }

        /** The resource after its type: {@code cluster/web} gives {@code web}. */
        String id() {
            String type = type();
            return resource.length() > type.length() ? resource.substring(type.length() + 1) : "";
        }

        String iamRoleName() {
            return resource.substring(resource.lastIndexOf('/') + 1);
        }
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final OperationInvoker invoker;

    ResourceDeletes(OperationInvoker invoker) {
        this.invoker = invoker;
    }

    /** The order deletes go in: what uses something goes before what it uses. */
    static int phase(Arn arn) {
        return switch (arn.service() + ":" + arn.type()) {
            case "application-autoscaling:scalable-target", "cloudwatch:alarm" -> 0;
            case "codedeploy:deploymentgroup" -> 1;
            case "codedeploy:application" -> 2;
            case "ecs:service", "ecs:task-set" -> 3;
            case "ecs:task" -> 4;
            case "elasticloadbalancing:listener-rule" -> 5;
            case "elasticloadbalancing:listener" -> 6;
            case "elasticloadbalancing:loadbalancer" -> 7;
            case "elasticloadbalancing:targetgroup" -> 8;
            case "ecs:container-instance" -> 9;
            case "ecs:cluster" -> 10;
            case "ecs:capacity-provider" -> 11;
            case "ecs:task-definition" -> 12;
            case "servicediscovery:service" -> 13;
            case "servicediscovery:namespace" -> 14;
            default -> 20;
        };
    }

    Attempt delete(Arn arn) {
        String id = arn.id();
        switch (arn.service() + ":" + arn.type()) {
            case "application-autoscaling:scalable-target" -> {
                return deregisterScalableTarget(arn.arn());
            }
            case "cloudwatch:alarm" -> {
                ObjectNode input = NODES.objectNode();
                input.putArray("AlarmNames").add(id);
                call("cloudwatch", "DeleteAlarms", input);
                return Attempt.DELETED;
            }
            case "codedeploy:application" -> {
                call("deploy", "DeleteApplication", NODES.objectNode().put("applicationName", id));
                return Attempt.DELETED;
            }
            case "codedeploy:deploymentgroup" -> {
                int slash = id.indexOf('/');
                call("deploy", "DeleteDeploymentGroup", NODES.objectNode().put("applicationName", id.substring(0, slash))
                        .put("deploymentGroupName", id.substring(slash + 1)));
                return Attempt.DELETED;
            }
            case "ecs:service" -> {
                return deleteService(arn);
            }
            case "ecs:task-set" -> {
                String[] parts = id.split("/");
                call("ecs", "DeleteTaskSet", NODES.objectNode().put("cluster", parts[0]).put("service", parts[1])
                        .put("taskSet", parts[parts.length - 1]).put("force", true));
                return Attempt.DELETED;
            }
            case "ecs:task" -> {
                return stopTask(arn);
            }
            case "elasticloadbalancing:listener-rule" -> {
                return deleteRule(arn.arn());
            }
            case "elasticloadbalancing:listener" -> {
                call("elbv2", "DeleteListener", NODES.objectNode().put("ListenerArn", arn.arn()));
                return Attempt.DELETED;
            }
            case "elasticloadbalancing:loadbalancer" -> {
                call("elbv2", "DeleteLoadBalancer", NODES.objectNode().put("LoadBalancerArn", arn.arn()));
                return Attempt.DELETED;
            }
            case "elasticloadbalancing:targetgroup" -> {
                call("elbv2", "DeleteTargetGroup", NODES.objectNode().put("TargetGroupArn", arn.arn()));
                return Attempt.DELETED;
            }
            case "ecs:container-instance" -> {
                call("ecs", "DeregisterContainerInstance", NODES.objectNode().put("cluster", id.substring(0, id.indexOf('/')))
                        .put("containerInstance", arn.arn()).put("force", true));
                return Attempt.DELETED;
            }
            case "ecs:cluster" -> {
                return deleteCluster(id);
            }
            case "ecs:capacity-provider" -> {
                call("ecs", "DeleteCapacityProvider", NODES.objectNode().put("capacityProvider", id));
                return Attempt.DELETED;
            }
            case "ecs:task-definition" -> {
                return deleteTaskDefinition(arn.arn());
            }
            case "servicediscovery:service" -> {
                call("servicediscovery", "DeleteService", NODES.objectNode().put("Id", id));
                return Attempt.DELETED;
            }
            case "servicediscovery:namespace" -> {
                call("servicediscovery", "DeleteNamespace", NODES.objectNode().put("Id", id));
                return Attempt.DELETED;
            }
            case "logs:log-group" -> {
                String name = id.endsWith(":*") ? id.substring(0, id.length() - 2) : id;
                call("logs", "DeleteLogGroup", NODES.objectNode().put("logGroupName", name));
                return Attempt.DELETED;
            }
            case "secretsmanager:secret" -> {
                call("secretsmanager", "DeleteSecret", NODES.objectNode().put("SecretId", arn.arn())
                        .put("ForceDeleteWithoutRecovery", true));
                return Attempt.DELETED;
            }
            case "ssm:parameter" -> {
                // A hierarchical name (/lab/db) loses its first slash in the ARN; a plain one has none.
                call("ssm", "DeleteParameter", NODES.objectNode().put("Name", id.contains("/") ? "/" + id : id));
                return Attempt.DELETED;
            }
            case "ecr:repository" -> {
                call("ecr", "DeleteRepository", NODES.objectNode().put("repositoryName", id).put("force", true));
                return Attempt.DELETED;
            }
            case "iam:role" -> {
                return deleteRole(arn.iamRoleName());
            }
            default -> {
                return new Attempt(Status.FAILED, "ecs-labs does not delete this kind of resource; delete it in the AWS console");
            }
        }
    }

    private JsonNode call(String service, String operation, ObjectNode input) {
        return invoker.invoke(service, operation, input);
    }

    private Attempt deregisterScalableTarget(String arn) {
        for (String namespace : List.of("ecs")) {
            JsonNode targets = call("application-autoscaling", "DescribeScalableTargets",
                    NODES.objectNode().put("ServiceNamespace", namespace));
            for (JsonNode target : targets.path("ScalableTargets")) {
                if (arn.equals(target.path("ScalableTargetARN").asText())) {
                    call("application-autoscaling", "DeregisterScalableTarget", scalableTargetKey(target));
                    return Attempt.DELETED;
                }
            }
        }
        return Attempt.GONE;
    }

    private static ObjectNode scalableTargetKey(JsonNode target) {
        return NODES.objectNode().put("ServiceNamespace", target.path("ServiceNamespace").asText())
                .put("ResourceId", target.path("ResourceId").asText())
                .put("ScalableDimension", target.path("ScalableDimension").asText());
    }

    /** A service goes with its scaling (tagged or not, a target on a deleted service is useless). */
    private Attempt deleteService(Arn arn) {
        String[] parts = arn.id().split("/");
        if (parts.length < 2) {
            return new Attempt(Status.FAILED, "an old-style service ARN without its cluster: delete it by hand");
        }
        String cluster = parts[0];
        String service = parts[1];
        JsonNode described = call("ecs", "DescribeServices", servicesInput(cluster, service));
        JsonNode found = described.path("services").path(0);
        if (found.isMissingNode() || "INACTIVE".equals(found.path("status").asText())) {
            return Attempt.GONE;
        }
        if ("DRAINING".equals(found.path("status").asText())) {
            return new Attempt(Status.RETRY, "service " + service + " is draining");
        }
        ObjectNode targets = NODES.objectNode().put("ServiceNamespace", "ecs");
        targets.putArray("ResourceIds").add("service/" + cluster + "/" + service);
        for (JsonNode target : call("application-autoscaling", "DescribeScalableTargets", targets).path("ScalableTargets")) {
            call("application-autoscaling", "DeregisterScalableTarget", scalableTargetKey(target));
        }
        call("ecs", "DeleteService", NODES.objectNode().put("cluster", cluster).put("service", service).put("force", true));
        return Attempt.DELETED;
    }

    private static ObjectNode servicesInput(String cluster, String service) {
        ObjectNode input = NODES.objectNode().put("cluster", cluster);
        input.putArray("services").add(service);
        return input;
    }

    private Attempt stopTask(Arn arn) {
        String cluster = arn.id().substring(0, Math.max(0, arn.id().indexOf('/')));
        ObjectNode input = NODES.objectNode().put("cluster", cluster);
        input.putArray("tasks").add(arn.arn());
        JsonNode task = call("ecs", "DescribeTasks", input).path("tasks").path(0);
        if (task.isMissingNode() || "STOPPED".equals(task.path("lastStatus").asText())) {
            return Attempt.GONE;
        }
        if ("STOPPED".equals(task.path("desiredStatus").asText())) {
            return new Attempt(Status.RETRY, "task " + task.path("taskArn").asText() + " is stopping");
        }
        call("ecs", "StopTask", NODES.objectNode().put("cluster", cluster).put("task", arn.arn())
                .put("reason", "Lab clean-up by ecs-labs"));
        return Attempt.DELETED;
    }

    private Attempt deleteRule(String arn) {
        ObjectNode input = NODES.objectNode();
        input.putArray("RuleArns").add(arn);
        JsonNode rule = call("elbv2", "DescribeRules", input).path("Rules").path(0);
        if (rule.path("IsDefault").asBoolean(false)) {
            // A listener's default rule goes with its listener.
            return Attempt.GONE;
        }
        call("elbv2", "DeleteRule", NODES.objectNode().put("RuleArn", arn));
        return Attempt.DELETED;
    }

    /** Container instances left in the cluster are deregistered first: on the simulator they are the lab's. */
    private Attempt deleteCluster(String cluster) {
        ObjectNode clusters = NODES.objectNode();
        clusters.putArray("clusters").add(cluster);
        JsonNode found = call("ecs", "DescribeClusters", clusters).path("clusters").path(0);
        if (found.isMissingNode() || "INACTIVE".equals(found.path("status").asText())) {
            return Attempt.GONE;
        }
        if (found.path("activeServicesCount").asInt() == 0 && found.path("runningTasksCount").asInt() == 0
                && found.path("pendingTasksCount").asInt() == 0) {
            JsonNode instances = call("ecs", "ListContainerInstances", NODES.objectNode().put("cluster", cluster));
            for (JsonNode instance : instances.path("containerInstanceArns")) {
                call("ecs", "DeregisterContainerInstance", NODES.objectNode().put("cluster", cluster)
                        .put("containerInstance", instance.asText()).put("force", true));
            }
        }
        call("ecs", "DeleteCluster", NODES.objectNode().put("cluster", cluster));
        return Attempt.DELETED;
    }

    private Attempt deleteTaskDefinition(String arn) {
        JsonNode definition = call("ecs", "DescribeTaskDefinition", NODES.objectNode().put("taskDefinition", arn))
                .path("taskDefinition");
        String status = definition.path("status").asText();
        if (status.equals("DELETE_IN_PROGRESS")) {
            return Attempt.GONE;
        }
        if (status.equals("ACTIVE")) {
            call("ecs", "DeregisterTaskDefinition", NODES.objectNode().put("taskDefinition", arn));
        }
        ObjectNode input = NODES.objectNode();
        input.putArray("taskDefinitions").add(arn);
        JsonNode failures = call("ecs", "DeleteTaskDefinitions", input).path("failures");
        if (failures.isArray() && !failures.isEmpty()) {
            return new Attempt(Status.RETRY, failures.path(0).path("reason").asText("not deleted yet"));
        }
        return Attempt.DELETED;
    }

    /** A role goes after its policies: attached ones detached, inline ones deleted, instance profiles left. */
    private Attempt deleteRole(String role) {
        ObjectNode name = NODES.objectNode().put("RoleName", role);
        for (JsonNode attached : call("iam", "ListAttachedRolePolicies", name).path("AttachedPolicies")) {
            call("iam", "DetachRolePolicy", name.deepCopy().put("PolicyArn", attached.path("PolicyArn").asText()));
        }
        for (JsonNode inline : call("iam", "ListRolePolicies", name).path("PolicyNames")) {
            call("iam", "DeleteRolePolicy", name.deepCopy().put("PolicyName", inline.asText()));
        }
        for (JsonNode profile : call("iam", "ListInstanceProfilesForRole", name).path("InstanceProfiles")) {
            call("iam", "RemoveRoleFromInstanceProfile", name.deepCopy()
                    .put("InstanceProfileName", profile.path("InstanceProfileName").asText()));
        }
        call("iam", "DeleteRole", name);
        return Attempt.DELETED;
    }

    /** A resource as the clean-up's log names it: {@code ecs cluster web}. */
    static String describe(Arn arn) {
        return arn.service() + " " + arn.type() + " " + Optional.of(arn.id()).filter(id -> !id.isEmpty()).orElse(arn.arn());
    }
}
