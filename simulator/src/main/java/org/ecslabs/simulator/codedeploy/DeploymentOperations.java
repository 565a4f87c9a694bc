package org.ecslabs.simulator.codedeploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import org.ecslabs.simulator.codedeploy.CodeDeployState.Application;
import org.ecslabs.simulator.codedeploy.CodeDeployState.Deployment;
import org.ecslabs.simulator.codedeploy.CodeDeployState.DeploymentGroup;
import org.ecslabs.simulator.codedeploy.CodeDeployState.LifecycleEvent;
import org.ecslabs.simulator.engine.Sandbox;

/** CreateDeployment and what a user asks of a deployment while it runs. */
final class DeploymentOperations {
    static final Set<String> DONE = Set.of("Succeeded", "Failed", "Stopped");
    private static final String ID_CHARACTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private DeploymentOperations() {
    }

    static JsonNode create(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        Application application = ApplicationOperations.application(state, ApplicationOperations.applicationName(input));
        String groupName = CodeDeployService.text(input, "deploymentGroupName");
        if (groupName == null) {
            throw CodeDeployErrors.of("DeploymentGroupNameRequiredException", "The deployment group name was not specified.");
        }
        DeploymentGroup group = ApplicationOperations.group(state, application.name, groupName);
        for (Deployment other : state.deployments.values()) {
            if (other.applicationName.equals(application.name) && other.deploymentGroupName.equals(group.name)
                    && !DONE.contains(other.status)) {
                throw CodeDeployErrors.of("DeploymentLimitExceededException", "The Deployment Group '" + group.name
                        + "' already has an active Deployment '" + other.id + "'");
            }
        }
        String configName = CodeDeployService.textOr(input, "deploymentConfigName",
                group.settings.path("deploymentConfigName").asText("CodeDeployDefault.ECSAllAtOnce"));
        CodeDeployState.DeploymentConfig config = DeploymentConfigs.find(state, configName);
        if (!config.computePlatform.equals(application.computePlatform)) {
            throw CodeDeployErrors.of("InvalidDeploymentConfigNameException", "Deployment config " + configName
                    + " is not valid for the " + application.computePlatform + " compute platform");
        }
        JsonNode revision = input.get("revision");
        if (revision == null || revision.isNull()) {
            throw CodeDeployErrors.of("RevisionRequiredException", "Revision must be specified.");
        }

        Deployment deployment = new Deployment();
        deployment.id = newDeploymentId(sandbox);
        deployment.applicationName = application.name;
        deployment.deploymentGroupName = group.name;
        deployment.deploymentConfigName = configName;
        deployment.description = CodeDeployService.text(input, "description");
        deployment.revision = revision;
        deployment.createTime = CodeDeployService.now(sandbox);
        deployment.lastUpdatedAt = deployment.createTime;
        deployment.status = "Created";
        JsonNode rollback = input.hasNonNull("autoRollbackConfiguration")
                ? input.get("autoRollbackConfiguration") : group.settings.path("autoRollbackConfiguration");
        deployment.autoRollbackEnabled = rollback.path("enabled").asBoolean(false);
        rollback.path("events").forEach(event -> deployment.autoRollbackEvents.add(event.asText()));
        if (application.computePlatform.equals("ECS")) {
            String content = switch (revision.path("revisionType").asText()) {
                case "AppSpecContent" -> revision.path("appSpecContent").path("content").asText(null);
                case "String" -> revision.path("string").path("content").asText(null);
                default -> throw CodeDeployErrors.of("InvalidRevisionException",
                        "For ECS deployments the revision type must be AppSpecContent or String (or S3, which the simulator does not hold)");
            };
            AppSpec spec = AppSpec.parse(content);
            deployment.taskDefinition = spec.taskDefinition();
            deployment.containerName = spec.containerName();
            deployment.containerPort = spec.containerPort();
            deployment.networkConfiguration = spec.networkConfiguration();
            deployment.platformVersion = spec.platformVersion();
            deployment.capacityProviderStrategy = spec.capacityProviderStrategy();
            JsonNode service = group.settings.path("ecsServices").path(0);
            deployment.cluster = service.path("clusterName").asText();
            deployment.service = service.path("serviceName").asText();
            for (String name : EcsDeploymentRunner.EVENTS) {
                deployment.lifecycleEvents.add(new LifecycleEvent(name));
            }
        }
        state.deployments.put(deployment.id, deployment);
        group.lastAttemptedDeploymentId = deployment.id;
        return CodeDeployService.MAPPER.createObjectNode().put("deploymentId", deployment.id);
    }

    static JsonNode get(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        output.set("deploymentInfo", render(state, deployment(state, input)));
        return output;
    }

    static JsonNode batchGet(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        ArrayNode items = output.putArray("deploymentsInfo");
        for (JsonNode id : input.path("deploymentIds")) {
            Deployment deployment = state.deployments.get(id.asText());
            if (deployment != null) {
                items.add(render(state, deployment));
            }
        }
        return output;
    }

    static JsonNode list(CodeDeployState state, JsonNode input) {
        String application = CodeDeployService.text(input, "applicationName");
        String group = CodeDeployService.text(input, "deploymentGroupName");
        if (application != null) {
            ApplicationOperations.application(state, application);
            if (group != null) {
                ApplicationOperations.group(state, application, group);
            }
        } else if (group != null) {
            throw CodeDeployErrors.of("ApplicationNameRequiredException", "The minimum number of required application names was not specified.");
        }
        Set<String> statuses = new HashSet<>();
        input.path("includeOnlyStatuses").forEach(status -> statuses.add(status.asText()));
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        ArrayNode ids = output.putArray("deployments");
        // Newest first, as CodeDeploy lists them.
        var all = new ArrayList<>(state.deployments.values());
        Collections.reverse(all);
        for (Deployment deployment : all) {
            if ((application == null || deployment.applicationName.equals(application))
                    && (group == null || deployment.deploymentGroupName.equals(group))
                    && (statuses.isEmpty() || statuses.contains(deployment.status))) {
                ids.add(deployment.id);
            }
        }
        return output;
    }

    static JsonNode continueDeployment(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        Deployment deployment = deployment(state, input);
        if (DONE.contains(deployment.status)) {
            throw CodeDeployErrors.of("DeploymentAlreadyCompletedException", "The deployment " + deployment.id + " has already completed.");
        }
        String waitType = CodeDeployService.textOr(input, "deploymentWaitType", "READY_WAIT");
        switch (waitType) {
            case "READY_WAIT" -> {
                if (!EcsDeploymentRunner.READY_WAIT.equals(deployment.phase)) {
                    throw CodeDeployErrors.of("DeploymentIsNotInReadyStateException",
                            "The deployment " + deployment.id + " is not in the Ready state.");
                }
                EcsDeploymentRunner.beginTrafficShift(sandbox, state, deployment);
            }
            case "TERMINATION_WAIT" -> {
                if (!EcsDeploymentRunner.TERMINATION_WAIT.equals(deployment.phase)) {
                    throw CodeDeployErrors.of("DeploymentIsNotInReadyStateException",
                            "The deployment " + deployment.id + " is not waiting to terminate the original task set.");
                }
                EcsDeploymentRunner.finish(sandbox, state, deployment);
            }
            default -> throw CodeDeployErrors.of("InvalidDeploymentWaitTypeException", "The wait type " + waitType + " is invalid.");
        }
        return CodeDeployService.MAPPER.createObjectNode();
    }

    static JsonNode stop(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        Deployment deployment = deployment(state, input);
        if (DONE.contains(deployment.status)) {
            throw CodeDeployErrors.of("DeploymentAlreadyCompletedException", "The deployment " + deployment.id + " has already completed.");
        }
        JsonNode requested = input.get("autoRollbackEnabled");
        boolean rollBack = requested != null && !requested.isNull() ? requested.asBoolean()
                : deployment.autoRollbackEnabled && deployment.autoRollbackEvents.contains("DEPLOYMENT_STOP_ON_REQUEST");
        EcsDeploymentRunner.stop(sandbox, state, deployment, "MANUAL_STOP", "The deployment was stopped by the user.", "Stopped", rollBack);
        return CodeDeployService.MAPPER.createObjectNode().put("status", "Succeeded")
                .put("statusMessage", "Deployment " + deployment.id + " stopped" + (rollBack ? " and rolled back" : ""));
    }

    static JsonNode getTarget(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        Deployment deployment = deployment(state, input);
        String targetId = CodeDeployService.text(input, "targetId");
        if (targetId == null) {
            throw CodeDeployErrors.of("DeploymentTargetIdRequiredException", "A deployment target ID was not provided.");
        }
        requireStarted(deployment);
        if (!targetId.equals(EcsDeploymentRunner.targetId(deployment))) {
            throw CodeDeployErrors.of("DeploymentTargetDoesNotExistException", "The provided target ID does not belong to the deployment " + deployment.id);
        }
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        output.set("deploymentTarget", EcsDeploymentRunner.renderTarget(sandbox, deployment));
        return output;
    }

    static JsonNode batchGetTargets(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        Deployment deployment = deployment(state, input);
        requireStarted(deployment);
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        ArrayNode items = output.putArray("deploymentTargets");
        for (JsonNode id : input.path("targetIds")) {
            if (!id.asText().equals(EcsDeploymentRunner.targetId(deployment))) {
                throw CodeDeployErrors.of("DeploymentTargetDoesNotExistException", "The provided target ID does not belong to the deployment " + deployment.id);
            }
            items.add(EcsDeploymentRunner.renderTarget(sandbox, deployment));
        }
        return output;
    }

    static JsonNode listTargets(CodeDeployState state, JsonNode input) {
        Deployment deployment = deployment(state, input);
        requireStarted(deployment);
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        output.putArray("targetIds").add(EcsDeploymentRunner.targetId(deployment));
        return output;
    }

    private static void requireStarted(Deployment deployment) {
        if (deployment.startTime == null || deployment.cluster == null) {
            throw CodeDeployErrors.of("DeploymentNotStartedException", "The specified deployment has not started.");
        }
    }

    static Deployment deployment(CodeDeployState state, JsonNode input) {
        String id = CodeDeployService.text(input, "deploymentId");
        if (id == null || id.isEmpty()) {
            throw CodeDeployErrors.of("DeploymentIdRequiredException", "At least one deployment ID must be specified.");
        }
        if (!id.matches("d-[A-Z0-9]{9}")) {
            throw CodeDeployErrors.of("InvalidDeploymentIdException", "Specified DeploymentId is not in the valid format: " + id);
        }
        Deployment deployment = state.deployments.get(id);
        if (deployment == null) {
            throw CodeDeployErrors.deploymentDoesNotExist(id);
        }
        return deployment;
    }

    static String newDeploymentId(Sandbox sandbox) {
        String hex = sandbox.newId();
        StringBuilder id = new StringBuilder("d-");
        for (int i = 0; i < 9; i++) {
            id.append(ID_CHARACTERS.charAt(Integer.parseInt(hex.substring(i * 3, i * 3 + 3), 16) % ID_CHARACTERS.length()));
        }
        return id.toString();
    }

    static ObjectNode render(CodeDeployState state, Deployment deployment) {
        ObjectNode node = CodeDeployService.MAPPER.createObjectNode();
        node.put("applicationName", deployment.applicationName);
        node.put("deploymentGroupName", deployment.deploymentGroupName);
        node.put("deploymentConfigName", deployment.deploymentConfigName);
        node.put("deploymentId", deployment.id);
        if (deployment.previousRevision != null) {
            node.set("previousRevision", deployment.previousRevision);
        }
        if (deployment.revision != null) {
            node.set("revision", deployment.revision);
        }
        node.put("status", deployment.status);
        if (deployment.errorCode != null) {
            node.putObject("errorInformation").put("code", deployment.errorCode).put("message", deployment.errorMessage);
        }
        node.put("createTime", deployment.createTime);
        if (deployment.startTime != null) {
            node.put("startTime", deployment.startTime);
        }
        if (deployment.completeTime != null) {
            node.put("completeTime", deployment.completeTime);
        }
        ObjectNode overview = node.putObject("deploymentOverview");
        for (String status : new String[] {"Pending", "InProgress", "Succeeded", "Failed", "Skipped", "Ready"}) {
            overview.put(status, status.equals(deployment.targetStatus) ? 1 : 0);
        }
        if (deployment.description != null) {
            node.put("description", deployment.description);
        }
        node.put("creator", deployment.creator);
        node.put("ignoreApplicationStopFailures", false);
        ObjectNode rollback = node.putObject("autoRollbackConfiguration");
        rollback.put("enabled", deployment.autoRollbackEnabled);
        ArrayNode events = rollback.putArray("events");
        deployment.autoRollbackEvents.forEach(events::add);
        node.put("updateOutdatedInstancesOnly", false);
        if (deployment.rollbackDeploymentId != null || deployment.rollbackTriggeringDeploymentId != null) {
            ObjectNode info = node.putObject("rollbackInfo");
            if (deployment.rollbackDeploymentId != null) {
                info.put("rollbackDeploymentId", deployment.rollbackDeploymentId);
            }
            if (deployment.rollbackTriggeringDeploymentId != null) {
                info.put("rollbackTriggeringDeploymentId", deployment.rollbackTriggeringDeploymentId);
            }
            if (deployment.rollbackMessage != null) {
                info.put("rollbackMessage", deployment.rollbackMessage);
            }
        }
        DeploymentGroup group = state.deploymentGroups.get(deployment.applicationName + "/" + deployment.deploymentGroupName);
        if (group != null) {
            JsonNode settings = group.settings;
            if (settings.has("deploymentStyle")) {
                node.set("deploymentStyle", settings.get("deploymentStyle"));
            }
            if (settings.has("blueGreenDeploymentConfiguration")) {
                node.set("blueGreenDeploymentConfiguration", settings.get("blueGreenDeploymentConfiguration"));
            }
            if (settings.has("loadBalancerInfo")) {
                node.set("loadBalancerInfo", settings.get("loadBalancerInfo"));
            }
        }
        node.put("instanceTerminationWaitTimeStarted", deployment.instanceTerminationWaitTimeStarted);
        node.put("fileExistsBehavior", "DISALLOW");
        node.putArray("deploymentStatusMessages");
        Application application = state.applications.get(deployment.applicationName);
        node.put("computePlatform", application == null ? "ECS" : application.computePlatform);
        return node;
    }
}
