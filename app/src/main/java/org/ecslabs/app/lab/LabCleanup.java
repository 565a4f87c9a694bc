package org.ecslabs.app.lab;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ecslabs.app.aws.SimulatorControl;

/**
 * Removes what a learner made for a lab, on the simulator or on a real account, in two passes:
 * <ol>
 * <li>the lab's written clean-up commands, which remove by name what was made from any terminal
 * (on a real account the simulator's own {@code ecslabs} commands are skipped);</li>
 * <li>everything still tagged {@code ecslabs:lab=<id>} ({@link LabTags}), found with
 * {@code tag:GetResources} plus IAM roles through their own tags (GetResources does not list IAM
 * roles), deleted in dependency order.</li>
 * </ol>
 * Deletes that must wait for something else (a cluster for its tasks to stop, a target group for its
 * load balancer, a Cloud Map service for its instances) are tried again round after round, with time
 * passing in between, until nothing is left or the rounds run out; then what is left is reported
 * with AWS's last word on it. Not thread-safe: one clean-up, one thread.
 */
public final class LabCleanup {

    /** How time passes between rounds: the simulator's clock jumps; on AWS the clean-up waits. */
    @FunctionalInterface
    public interface Pause {
        void pass(Duration duration) throws InterruptedException;
    }

    /** Something that could not be deleted, and why. */
    public record Leftover(String resource, String reason) {
    }

    /** What a clean-up did: what it deleted, and what is left. */
    public record Outcome(List<String> deleted, List<Leftover> leftovers) {
        public boolean clean() {
            return leftovers.isEmpty();
        }
    }

    /** How a delete went: done, already gone, to try again next round, or refused for good. */
    private enum Status { DELETED, GONE, RETRY, FAILED }

    private record Attempt(Status status, String message) {
        static final Attempt DELETED = new Attempt(Status.DELETED, null);
        static final Attempt GONE = new Attempt(Status.GONE, null);
    }

    /** A tagged resource by its ARN: {@code arn:aws:<service>:<region>:<account>:<resource>}. */
    private record Arn(String arn, String service, String resource) {
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
    private static final Pattern ASSIGNED = Pattern.compile("^(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)=");
    /** AWS error codes that say the thing is already gone or never was. */
    private static final Pattern GONE_CODE = Pattern.compile("(?i).*(NotFound|NoSuch|DoesNotExist|NotActive|NotExist).*");
    private static final Pattern GONE_MESSAGE = Pattern.compile(
            "(?i).*(not found|does not exist|doesn't exist|is inactive|could not be found|already (been )?deleted).*");
    /** Errors that time or another delete will not fix. */
    private static final Pattern REFUSED_CODE = Pattern.compile("(?i).*(AccessDenied|Unauthorized|UnrecognizedClient"
            + "|InvalidClientTokenId|SignatureDoesNotMatch|ExpiredToken|OptInRequired|UnknownOperation|InvalidAction).*");

    private final OperationInvoker invoker;
    private final CommandRunner runner;
    private final boolean simulator;
    private final Pause pause;
    private final Consumer<String> log;
    private final List<String> deleted = new ArrayList<>();
    private final Map<String, Attempt> refused = new LinkedHashMap<>();
    private final Set<Command> retrying = new HashSet<>();
    /** The lab's tagged IAM roles, found in the first round; deleted ones then read as gone. */
    private List<Arn> roles;

    /**
     * @param simulator whether the back end is the simulator (its clock can jump, {@code ecslabs} runs)
     * @param pause     how time passes between rounds
     * @param log       receives one line per thing done, for the learner to read as it happens
     */
    public LabCleanup(OperationInvoker invoker, boolean simulator, Pause pause, Consumer<String> log) {
        this.invoker = invoker;
        this.runner = new CommandRunner(invoker);
        this.simulator = simulator;
        this.pause = pause;
        this.log = log;
    }

    /** The pause for a simulator: the account's clock jumps forward, ticking on the way. */
    public static Pause simulatorClock(OperationInvoker invoker) {
        SimulatorControl control = new SimulatorControl(invoker.clients());
        return duration -> control.call("AdvanceClock", NODES.objectNode().put("seconds", duration.toSeconds()));
    }

    /** The pause for AWS: real time. */
    public static Pause realTime() {
        return duration -> Thread.sleep(duration.toMillis());
    }

    /**
     * Cleans up {@code lab}: at most {@code rounds} rounds, with {@code between} passing between two.
     * Interrupting the thread stops it between two calls; what is left is then reported.
     */
    public Outcome run(Lab lab, int rounds, Duration between) {
        List<Command> retry = runWrittenCleanup(lab);
        Map<String, Attempt> last = new LinkedHashMap<>();
        for (int round = 1; round <= rounds && !Thread.currentThread().isInterrupted(); round++) {
            if (round > 1) {
                retry = rerun(retry);
            }
            last = sweep(lab.id());
            boolean pending = !retry.isEmpty() || last.values().stream().anyMatch(a -> a.status() == Status.RETRY);
            if (!pending) {
                break;
            }
            if (round < rounds) {
                log.accept("… waiting " + between.toSeconds() + " s" + (simulator ? " (the simulated clock jumps ahead)" : "")
                        + " for " + waitingFor(last, retry));
                try {
                    pause.pass(between);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (RuntimeException e) {
                    log.accept("! could not let time pass: " + e.getMessage());
                    break;
                }
            }
        }
        List<Leftover> leftovers = new ArrayList<>();
        for (Map.Entry<String, Attempt> entry : last.entrySet()) {
            Status status = entry.getValue().status();
            if (status == Status.RETRY || status == Status.FAILED) {
                leftovers.add(new Leftover(entry.getKey(), entry.getValue().message()));
            }
        }
        for (Map.Entry<String, Attempt> entry : refused.entrySet()) {
            if (!last.containsKey(entry.getKey())) {
                leftovers.add(new Leftover(entry.getKey(), entry.getValue().message()));
            }
        }
        for (Command command : retry) {
            leftovers.add(new Leftover(command.text(), "the command still fails"));
        }
        log.accept(leftovers.isEmpty() ? "✓ Clean: nothing tagged " + LabTags.KEY + "=" + lab.id() + " is left."
                : "✗ " + leftovers.size() + " left: delete " + (leftovers.size() == 1 ? "it" : "them") + " by hand.");
        return new Outcome(List.copyOf(deleted), leftovers);
    }

    private static String waitingFor(Map<String, Attempt> sweep, List<Command> retry) {
        List<String> waiting = new ArrayList<>();
        sweep.forEach((arn, attempt) -> {
            if (attempt.status() == Status.RETRY) {
                waiting.add(Arn.parse(arn).resource());
            }
        });
        retry.forEach(command -> waiting.add(command.text()));
        return String.join(", ", waiting.subList(0, Math.min(3, waiting.size())))
                + (waiting.size() > 3 ? " and " + (waiting.size() - 3) + " more" : "");
    }

    // ---- pass 1: the lab's written clean-up commands ----

    /** Runs the written clean-up once; returns the commands to try again (waiting on something). */
    private List<Command> runWrittenCleanup(Lab lab) {
        List<Command> commands = lab.cleanup().map(Lab.Section::commands).orElse(List.of());
        if (commands.isEmpty()) {
            return List.of();
        }
        log.accept("Running the lab's clean-up commands");
        runner.lab(lab.id());
        Set<String> goneVariables = new HashSet<>();
        List<Command> retry = new ArrayList<>();
        for (Command command : commands) {
            String text = command.text().strip();
            if (text.startsWith("ecslabs ") && !simulator) {
                continue;
            }
            if (usesAny(text, goneVariables)) {
                log.accept("· nothing to delete: " + firstLine(text));
                continue;
            }
            switch (runCommand(command)) {
                case DELETED -> log.accept("✓ " + firstLine(text));
                case GONE -> {
                    log.accept("· nothing to delete: " + firstLine(text));
                    Matcher assigned = ASSIGNED.matcher(text);
                    if (assigned.find()) {
                        goneVariables.add(assigned.group(1));
                    }
                }
                case RETRY -> retry.add(command);
                default -> {
                    // The message is already in the log.
                }
            }
        }
        return retry;
    }

    private List<Command> rerun(List<Command> commands) {
        List<Command> still = new ArrayList<>();
        for (Command command : commands) {
            switch (runCommand(command)) {
                case DELETED -> log.accept("✓ " + firstLine(command.text()));
                case RETRY -> still.add(command);
                default -> {
                }
            }
        }
        return still;
    }

    private Status runCommand(Command command) {
        try {
            runner.run(command.text());
            return Status.DELETED;
        } catch (OperationException e) {
            Status status = classify(e);
            if (status == Status.FAILED) {
                log.accept("✗ " + firstLine(command.text()) + ": " + e.getMessage());
            } else if (status == Status.RETRY && !retrying.contains(command)) {
                retrying.add(command);
                log.accept("… will try again: " + firstLine(command.text()) + " (" + e.getMessage() + ")");
            }
            return status;
        } catch (SimulatorControl.ControlException | IllegalArgumentException e) {
            log.accept("✗ " + firstLine(command.text()) + ": " + e.getMessage());
            return Status.FAILED;
        }
    }

    private static boolean usesAny(String text, Set<String> variables) {
        for (String name : variables) {
            if (text.contains("$" + name) || text.contains("${" + name + "}")) {
                return true;
            }
        }
        return false;
    }

    // ---- pass 2: everything still tagged with the lab ----

    /** One round: finds what is tagged and tries to delete each, in dependency order. */
    private Map<String, Attempt> sweep(String lab) {
        Map<String, Attempt> attempts = new LinkedHashMap<>();
        List<Arn> found;
        try {
            found = tagged(lab);
        } catch (OperationException e) {
            attempts.put("tag:GetResources", new Attempt(classify(e) == Status.FAILED
                    ? Status.FAILED : Status.RETRY, "cannot list what is tagged: " + e.getMessage()));
            return attempts;
        }
        found.sort(Comparator.comparingInt(LabCleanup::phase));
        for (Arn arn : found) {
            if (refused.containsKey(arn.arn())) {
                continue;
            }
            Attempt attempt;
            try {
                attempt = delete(arn);
            } catch (OperationException e) {
                Status status = classify(e);
                attempt = status == Status.GONE ? Attempt.GONE : new Attempt(status, e.getMessage());
            }
            if (attempt.status() == Status.DELETED) {
                deleted.add(arn.arn());
                log.accept("✓ deleted " + describe(arn));
            } else if (attempt.status() == Status.FAILED) {
                refused.put(arn.arn(), attempt);
                log.accept("✗ " + describe(arn) + ": " + attempt.message());
            }
            attempts.put(arn.arn(), attempt);
        }
        return attempts;
    }

    /** Everything tagged with the lab: what tag:GetResources lists, and IAM roles. */
    private List<Arn> tagged(String lab) {
        List<Arn> found = new ArrayList<>();
        String token = null;
        do {
            ObjectNode input = NODES.objectNode();
            input.putArray("TagFilters").addObject().put("Key", LabTags.KEY).putArray("Values").add(lab);
            if (token != null) {
                input.put("PaginationToken", token);
            }
            JsonNode page = invoker.invoke("resourcegroupstaggingapi", "GetResources", input);
            page.path("ResourceTagMappingList").forEach(item -> found.add(Arn.parse(item.path("ResourceARN").asText())));
            token = page.path("PaginationToken").asText("");
        } while (!token.isEmpty());
        if (roles == null) {
            // Roles are read once: a clean-up makes none, and every role costs a ListRoleTags call.
            roles = taggedRoles(lab);
        }
        found.addAll(roles);
        return found;
    }

    /** IAM roles with the lab's tag: GetResources leaves IAM roles out, so their own tags are read. */
    private List<Arn> taggedRoles(String lab) {
        List<Arn> roles = new ArrayList<>();
        String marker = null;
        do {
            ObjectNode input = NODES.objectNode().put("PathPrefix", "/");
            if (marker != null) {
                input.put("Marker", marker);
            }
            JsonNode page = invoker.invoke("iam", "ListRoles", input);
            for (JsonNode role : page.path("Roles")) {
                // Service-linked and service roles are AWS's, never a lab's.
                if (role.path("Path").asText("/").startsWith("/aws-service-role/")) {
                    continue;
                }
                JsonNode tags = invoker.invoke("iam", "ListRoleTags",
                        NODES.objectNode().put("RoleName", role.path("RoleName").asText()));
                for (JsonNode tag : tags.path("Tags")) {
                    if (LabTags.KEY.equals(tag.path("Key").asText()) && lab.equals(tag.path("Value").asText())) {
                        roles.add(Arn.parse(role.path("Arn").asText()));
                    }
                }
            }
            marker = page.path("IsTruncated").asBoolean(false) ? page.path("Marker").asText(null) : null;
        } while (marker != null);
        return roles;
    }

    /** The order deletes go in: what uses something goes before what it uses. */
    private static int phase(Arn arn) {
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

    private Attempt delete(Arn arn) {
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

    private static Status classify(OperationException e) {
        return switch (e.kind()) {
            case AWS_ERROR -> {
                String code = e.errorCode();
                if (REFUSED_CODE.matcher(code).matches()) {
                    yield Status.FAILED;
                }
                yield GONE_CODE.matcher(code).matches() || GONE_MESSAGE.matcher(e.getMessage()).matches()
                        ? Status.GONE : Status.RETRY;
            }
            // No answer this time: worth another round.
            case UNREACHABLE, TIMEOUT -> Status.RETRY;
            default -> Status.FAILED;
        };
    }

    private static String describe(Arn arn) {
        return arn.service() + " " + arn.type() + " " + Optional.of(arn.id()).filter(id -> !id.isEmpty()).orElse(arn.arn());
    }

    private static String firstLine(String text) {
        String line = text.strip();
        int newline = line.indexOf('\n');
        line = newline < 0 ? line : line.substring(0, newline) + " …";
        return line.length() > 160 ? line.substring(0, 157) + "…" : line;
    }
}
