package org.ecslabs.simulator.codedeploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.codedeploy.CodeDeployState.Deployment;
import org.ecslabs.simulator.codedeploy.CodeDeployState.DeploymentConfig;
import org.ecslabs.simulator.codedeploy.CodeDeployState.DeploymentGroup;
import org.ecslabs.simulator.codedeploy.CodeDeployState.LifecycleEvent;
import org.ecslabs.simulator.elbv2.Elbv2Targets;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * An ECS blue/green deployment on the clock: create the replacement (green) task set behind the
 * second target group, wait until its tasks run and its targets are healthy, give it test traffic,
 * optionally wait to be told to go on, shift production traffic per the deployment config, make it
 * primary, wait, then delete the original (blue) task set. A stop or a failure sends traffic back.
 */
final class EcsDeploymentRunner {
    static final List<String> EVENTS = List.of("BeforeInstall", "Install", "AfterInstall", "AllowTestTraffic",
            "AfterAllowTestTraffic", "BeforeAllowTraffic", "AllowTraffic", "AfterAllowTraffic");
    static final String INSTALL = "INSTALL";
    static final String READY_WAIT = "READY_WAIT";
    static final String SHIFTING = "SHIFTING";
    static final String TERMINATION_WAIT = "TERMINATION_WAIT";
    /** How long the replacement tasks have to become healthy before the deployment fails. */
    static final int INSTALL_TIMEOUT_SECONDS = 60 * 60;

    private EcsDeploymentRunner() {
    }

    static boolean tick(Sandbox sandbox, CodeDeployState state) {
        boolean changed = false;
        for (Deployment deployment : List.copyOf(state.deployments.values())) {
            if (DeploymentOperations.DONE.contains(deployment.status)) {
                continue;
            }
            String before = deployment.status + "/" + deployment.phase + "/" + deployment.greenWeight;
            try {
                step(sandbox, state, deployment);
            } catch (AwsException e) {
                fail(sandbox, state, deployment, "ECS_UPDATE_ERROR", e.getMessage());
            }
            changed |= !before.equals(deployment.status + "/" + deployment.phase + "/" + deployment.greenWeight);
        }
        return changed;
    }

    private static void step(Sandbox sandbox, CodeDeployState state, Deployment deployment) {
        double now = CodeDeployService.now(sandbox);
        if (deployment.status.equals("Created")) {
            // CodeDeploy picks a deployment up a moment after it is created: Created is observable.
            if (now >= deployment.createTime + 1) {
                start(sandbox, state, deployment);
            }
            return;
        }
        switch (deployment.phase == null ? "" : deployment.phase) {
            case INSTALL -> {
                if (replacementReady(sandbox, deployment)) {
                    finishEvent(deployment, "Install", now);
                    finishEvent(deployment, "AfterInstall", now);
                    startEvent(deployment, "AllowTestTraffic", now);
                    for (String listener : deployment.testListenerArns) {
                        Elbv2Targets.setForwardWeights(sandbox, listener, weights(deployment, 100));
                    }
                    finishEvent(deployment, "AllowTestTraffic", now);
                    finishEvent(deployment, "AfterAllowTestTraffic", now);
                    JsonNode ready = group(state, deployment).settings.path("blueGreenDeploymentConfiguration").path("deploymentReadyOption");
                    if ("STOP_DEPLOYMENT".equals(ready.path("actionOnTimeout").asText())) {
                        deployment.phase = READY_WAIT;
                        deployment.phaseStartedAt = now;
                        deployment.status = "Ready";
                        deployment.targetStatus = "Ready";
                    } else {
                        beginTrafficShift(sandbox, state, deployment);
                    }
                } else if (now - deployment.phaseStartedAt >= INSTALL_TIMEOUT_SECONDS) {
                    fail(sandbox, state, deployment, "ECS_UPDATE_ERROR", "The deployment timed out while waiting for the "
                            + "replacement task set to become healthy. This time out period is " + INSTALL_TIMEOUT_SECONDS / 60
                            + " minutes.");
                }
            }
            case READY_WAIT -> {
                int minutes = group(state, deployment).settings.path("blueGreenDeploymentConfiguration")
                        .path("deploymentReadyOption").path("waitTimeInMinutes").asInt(0);
                if (now - deployment.phaseStartedAt >= minutes * 60.0) {
                    stop(sandbox, state, deployment, "TIMEOUT",
                            "The deployment timed out while waiting for the replacement task set to be rerouted.", "Stopped", true);
                }
            }
            case SHIFTING -> {
                if (now >= deployment.nextShiftAt) {
                    shift(sandbox, state, deployment, now);
                }
            }
            case TERMINATION_WAIT -> {
                int minutes = terminationWaitMinutes(state, deployment);
                if (now - deployment.phaseStartedAt >= minutes * 60.0) {
                    finish(sandbox, state, deployment);
                }
            }
            default -> {
            }
        }
    }

    private static void start(Sandbox sandbox, CodeDeployState state, Deployment deployment) {
        double now = CodeDeployService.now(sandbox);
        deployment.status = "InProgress";
        deployment.startTime = now;
        deployment.targetStatus = "InProgress";
        deployment.lastUpdatedAt = now;
        if (deployment.cluster == null) {
            fail(sandbox, state, deployment, "INVALID_REVISION", "The simulator runs deployments to the ECS compute platform only.");
            return;
        }
        DeploymentGroup group = group(state, deployment);
        EcsGateway.Service service = EcsGateway.service(sandbox, deployment.cluster, deployment.service);
        if (service == null) {
            fail(sandbox, state, deployment, "INVALID_ECS_SERVICE", "The ECS service " + deployment.cluster + ":"
                    + deployment.service + " does not exist or is not active.");
            return;
        }
        deployment.serviceArn = service.arn();
        JsonNode blue = null;
        for (JsonNode taskSet : service.node().path("taskSets")) {
            if ("PRIMARY".equals(taskSet.path("status").asText())) {
                blue = taskSet;
            }
        }
        if (blue == null) {
            fail(sandbox, state, deployment, "INVALID_ECS_SERVICE", "The ECS service " + deployment.service
                    + " has no primary task set to replace.");
            return;
        }
        deployment.blueTaskSetArn = blue.path("taskSetArn").asText();
        JsonNode pair = group.settings.path("loadBalancerInfo").path("targetGroupPairInfoList").path(0);
        String first = Elbv2Targets.targetGroupArn(sandbox, pair.path("targetGroups").path(0).path("name").asText());
        String second = Elbv2Targets.targetGroupArn(sandbox, pair.path("targetGroups").path(1).path("name").asText());
        if (first == null || second == null) {
            fail(sandbox, state, deployment, "ELASTIC_LOAD_BALANCING_INVALID", "A target group of the deployment group's pair does not exist.");
            return;
        }
        String blueGroup = blue.path("loadBalancers").path(0).path("targetGroupArn").asText(first);
        deployment.blueTargetGroupArn = blueGroup.equals(second) ? second : first;
        deployment.greenTargetGroupArn = blueGroup.equals(second) ? first : second;
        pair.path("prodTrafficRoute").path("listenerArns").forEach(arn -> deployment.prodListenerArns.add(arn.asText()));
        pair.path("testTrafficRoute").path("listenerArns").forEach(arn -> deployment.testListenerArns.add(arn.asText()));
        deployment.previousRevision = previousRevision(blue);

        startEvent(deployment, "BeforeInstall", now);
        finishEvent(deployment, "BeforeInstall", now);
        startEvent(deployment, "Install", now);
        ObjectNode create = CodeDeployService.MAPPER.createObjectNode();
        create.put("service", deployment.service);
        create.put("cluster", deployment.cluster);
        create.put("externalId", deployment.id);
        create.put("taskDefinition", deployment.taskDefinition);
        JsonNode network = deployment.networkConfiguration != null ? deployment.networkConfiguration : blue.get("networkConfiguration");
        if (network != null && !network.isNull()) {
            create.set("networkConfiguration", network);
        }
        create.putArray("loadBalancers").addObject().put("targetGroupArn", deployment.greenTargetGroupArn)
                .put("containerName", deployment.containerName).put("containerPort", deployment.containerPort);
        JsonNode strategy = deployment.capacityProviderStrategy != null ? deployment.capacityProviderStrategy : blue.get("capacityProviderStrategy");
        if (strategy != null && strategy.isArray() && !strategy.isEmpty()) {
            create.set("capacityProviderStrategy", strategy);
        } else if (blue.hasNonNull("launchType")) {
            create.put("launchType", blue.get("launchType").asText());
        }
        String platformVersion = deployment.platformVersion != null ? deployment.platformVersion : blue.path("platformVersion").asText(null);
        if (platformVersion != null && "FARGATE".equals(create.path("launchType").asText())) {
            create.put("platformVersion", platformVersion);
        }
        create.putObject("scale").put("unit", "PERCENT").put("value", 100.0);
        // The replacement target group joins the production listener at weight 0, so that its targets are checked.
        for (String listener : deployment.prodListenerArns) {
            Elbv2Targets.setForwardWeights(sandbox, listener, weights(deployment, 0));
        }
        JsonNode taskSet = EcsGateway.call(sandbox, "CreateTaskSet", create).path("taskSet");
        deployment.greenTaskSetArn = taskSet.path("taskSetArn").asText();
        deployment.phase = INSTALL;
        deployment.phaseStartedAt = now;
    }

    /** The replacement task set has all its tasks running, and as many healthy targets behind the green group. */
    private static boolean replacementReady(Sandbox sandbox, Deployment deployment) {
        JsonNode taskSet = describeTaskSet(sandbox, deployment, deployment.greenTaskSetArn);
        if (taskSet == null) {
            throw new AwsException("ECS_UPDATE_ERROR", "The replacement task set was deleted.");
        }
        int desired = taskSet.path("computedDesiredCount").asInt();
        int running = taskSet.path("runningCount").asInt();
        if (running < desired || !"STEADY_STATE".equals(taskSet.path("stabilityStatus").asText("STEADY_STATE"))) {
            return false;
        }
        return Elbv2Targets.healthyCount(sandbox, deployment.greenTargetGroupArn) >= desired;
    }

    static void beginTrafficShift(Sandbox sandbox, CodeDeployState state, Deployment deployment) {
        double now = CodeDeployService.now(sandbox);
        deployment.status = "InProgress";
        deployment.targetStatus = "InProgress";
        startEvent(deployment, "BeforeAllowTraffic", now);
        finishEvent(deployment, "BeforeAllowTraffic", now);
        startEvent(deployment, "AllowTraffic", now);
        deployment.phase = SHIFTING;
        deployment.phaseStartedAt = now;
        deployment.nextShiftAt = now;
        shift(sandbox, state, deployment, now);
    }

    private static void shift(Sandbox sandbox, CodeDeployState state, Deployment deployment, double now) {
        DeploymentConfig config = DeploymentConfigs.find(state, deployment.deploymentConfigName);
        String type = config.type == null ? "AllAtOnce" : config.type;
        int next = switch (type) {
            case "TimeBasedLinear" -> Math.min(100, deployment.greenWeight + config.percentage);
            case "TimeBasedCanary" -> deployment.greenWeight == 0 ? config.percentage : 100;
            default -> 100;
        };
        deployment.greenWeight = next;
        deployment.nextShiftAt = now + config.intervalMinutes * 60.0;
        deployment.lastUpdatedAt = now;
        for (String listener : deployment.prodListenerArns) {
            Elbv2Targets.setForwardWeights(sandbox, listener, weights(deployment, next));
        }
        if (next < 100) {
            return;
        }
        finishEvent(deployment, "AllowTraffic", now);
        startEvent(deployment, "AfterAllowTraffic", now);
        finishEvent(deployment, "AfterAllowTraffic", now);
        ObjectNode primary = CodeDeployService.MAPPER.createObjectNode();
        primary.put("cluster", deployment.cluster).put("service", deployment.service).put("primaryTaskSet", deployment.greenTaskSetArn);
        EcsGateway.call(sandbox, "UpdateServicePrimaryTaskSet", primary);
        deployment.trafficShifted = true;
        deployment.phase = TERMINATION_WAIT;
        deployment.phaseStartedAt = now;
        deployment.instanceTerminationWaitTimeStarted = true;
        if (terminationWaitMinutes(state, deployment) == 0) {
            finish(sandbox, state, deployment);
        }
    }

    static void finish(Sandbox sandbox, CodeDeployState state, Deployment deployment) {
        double now = CodeDeployService.now(sandbox);
        String action = group(state, deployment).settings.path("blueGreenDeploymentConfiguration")
                .path("terminateBlueInstancesOnDeploymentSuccess").path("action").asText("TERMINATE");
        if (action.equals("TERMINATE")) {
            deleteTaskSet(sandbox, deployment, deployment.blueTaskSetArn);
        }
        for (String listener : deployment.prodListenerArns) {
            Elbv2Targets.setForwardWeights(sandbox, listener, Map.of(deployment.greenTargetGroupArn, 1));
        }
        deployment.phase = null;
        deployment.status = "Succeeded";
        deployment.targetStatus = "Succeeded";
        deployment.completeTime = now;
        deployment.lastUpdatedAt = now;
        DeploymentGroup group = state.deploymentGroups.get(deployment.applicationName + "/" + deployment.deploymentGroupName);
        if (group != null) {
            group.lastSuccessfulDeploymentId = deployment.id;
        }
    }

    private static void fail(Sandbox sandbox, CodeDeployState state, Deployment deployment, String code, String message) {
        boolean rollBack = deployment.autoRollbackEnabled && deployment.autoRollbackEvents.contains("DEPLOYMENT_FAILURE");
        stop(sandbox, state, deployment, code, message, "Failed", rollBack);
    }

    /** Ends the deployment as Failed or Stopped; with rollback, traffic and the primary task set go back to the original. */
    static void stop(Sandbox sandbox, CodeDeployState state, Deployment deployment, String code, String message,
                     String status, boolean rollBack) {
        double now = CodeDeployService.now(sandbox);
        for (LifecycleEvent event : deployment.lifecycleEvents) {
            if (event.status.equals("InProgress")) {
                event.status = "Failed";
                event.endTime = now;
            } else if (event.status.equals("Pending")) {
                event.status = "Skipped";
            }
        }
        if (rollBack && deployment.blueTaskSetArn != null) {
            try {
                rollBack(sandbox, state, deployment, now);
            } catch (AwsException e) {
                deployment.rollbackMessage = "Rollback failed: " + e.getMessage();
            }
        }
        deployment.phase = null;
        deployment.status = status;
        deployment.targetStatus = status.equals("Stopped") ? "Failed" : status;
        deployment.errorCode = code;
        deployment.errorMessage = message;
        deployment.completeTime = now;
        deployment.lastUpdatedAt = now;
    }

    private static void rollBack(Sandbox sandbox, CodeDeployState state, Deployment deployment, double now) {
        Map<String, Integer> original = Map.of(deployment.blueTargetGroupArn, 1);
        for (String listener : deployment.prodListenerArns) {
            Elbv2Targets.setForwardWeights(sandbox, listener, original);
        }
        for (String listener : deployment.testListenerArns) {
            Elbv2Targets.setForwardWeights(sandbox, listener, original);
        }
        deployment.greenWeight = 0;
        if (deployment.trafficShifted) {
            ObjectNode primary = CodeDeployService.MAPPER.createObjectNode();
            primary.put("cluster", deployment.cluster).put("service", deployment.service).put("primaryTaskSet", deployment.blueTaskSetArn);
            EcsGateway.call(sandbox, "UpdateServicePrimaryTaskSet", primary);
        }
        if (deployment.greenTaskSetArn != null) {
            deleteTaskSet(sandbox, deployment, deployment.greenTaskSetArn);
        }
        Deployment rollback = new Deployment();
        rollback.id = DeploymentOperations.newDeploymentId(sandbox);
        rollback.applicationName = deployment.applicationName;
        rollback.deploymentGroupName = deployment.deploymentGroupName;
        rollback.deploymentConfigName = deployment.deploymentConfigName;
        rollback.creator = "codeDeployRollback";
        rollback.revision = deployment.previousRevision;
        rollback.status = "Succeeded";
        rollback.targetStatus = "Succeeded";
        rollback.createTime = now;
        rollback.startTime = now;
        rollback.completeTime = now;
        rollback.lastUpdatedAt = now;
        rollback.rollbackTriggeringDeploymentId = deployment.id;
        rollback.cluster = deployment.cluster;
        rollback.service = deployment.service;
        rollback.serviceArn = deployment.serviceArn;
        rollback.blueTaskSetArn = deployment.blueTaskSetArn;
        rollback.blueTargetGroupArn = deployment.blueTargetGroupArn;
        rollback.greenTargetGroupArn = deployment.greenTargetGroupArn;
        rollback.prodListenerArns.addAll(deployment.prodListenerArns);
        for (String name : EVENTS) {
            LifecycleEvent event = new LifecycleEvent(name);
            event.status = "Succeeded";
            event.startTime = now;
            event.endTime = now;
            rollback.lifecycleEvents.add(event);
        }
        state.deployments.put(rollback.id, rollback);
        deployment.rollbackDeploymentId = rollback.id;
        deployment.rollbackMessage = "Deployment " + deployment.id + " rolled back: traffic is back on the original task set";
    }

    private static Map<String, Integer> weights(Deployment deployment, int green) {
        Map<String, Integer> weights = new LinkedHashMap<>();
        weights.put(deployment.blueTargetGroupArn, 100 - green);
        weights.put(deployment.greenTargetGroupArn, green);
        return weights;
    }

    private static int terminationWaitMinutes(CodeDeployState state, Deployment deployment) {
        return group(state, deployment).settings.path("blueGreenDeploymentConfiguration")
                .path("terminateBlueInstancesOnDeploymentSuccess").path("terminationWaitTimeInMinutes").asInt(0);
    }

    private static DeploymentGroup group(CodeDeployState state, Deployment deployment) {
        DeploymentGroup group = state.deploymentGroups.get(deployment.applicationName + "/" + deployment.deploymentGroupName);
        if (group == null) {
            throw new AwsException("DEPLOYMENT_GROUP_MISSING", "The deployment group " + deployment.deploymentGroupName + " no longer exists.");
        }
        return group;
    }

    private static JsonNode previousRevision(JsonNode blue) {
        ObjectNode revision = CodeDeployService.MAPPER.createObjectNode();
        revision.put("revisionType", "AppSpecContent");
        revision.putObject("appSpecContent").put("content", "{\"version\":0.0,\"Resources\":[{\"TargetService\":{\"Type\":"
                + "\"AWS::ECS::Service\",\"Properties\":{\"TaskDefinition\":\"" + blue.path("taskDefinition").asText() + "\"}}}]}");
        return revision;
    }

    private static void deleteTaskSet(Sandbox sandbox, Deployment deployment, String taskSetArn) {
        ObjectNode delete = CodeDeployService.MAPPER.createObjectNode();
        delete.put("cluster", deployment.cluster).put("service", deployment.service).put("taskSet", taskSetArn).put("force", true);
        try {
            EcsGateway.call(sandbox, "DeleteTaskSet", delete);
        } catch (AwsException e) {
            // Already gone: nothing left to delete.
            if (!e.code().equals("TaskSetNotFoundException")) {
                throw e;
            }
        }
    }

    private static JsonNode describeTaskSet(Sandbox sandbox, Deployment deployment, String taskSetArn) {
        if (taskSetArn == null) {
            return null;
        }
        ObjectNode describe = CodeDeployService.MAPPER.createObjectNode();
        describe.put("cluster", deployment.cluster).put("service", deployment.service);
        describe.putArray("taskSets").add(taskSetArn);
        JsonNode found = EcsGateway.call(sandbox, "DescribeTaskSets", describe).path("taskSets").path(0);
        return found.isMissingNode() ? null : found;
    }

    static String targetId(Deployment deployment) {
        return deployment.cluster + ":" + deployment.service;
    }

    private static void startEvent(Deployment deployment, String name, double now) {
        for (LifecycleEvent event : deployment.lifecycleEvents) {
            if (event.name.equals(name)) {
                event.status = "InProgress";
                event.startTime = now;
            }
        }
    }

    private static void finishEvent(Deployment deployment, String name, double now) {
        for (LifecycleEvent event : deployment.lifecycleEvents) {
            if (event.name.equals(name)) {
                if (event.startTime == null) {
                    event.startTime = now;
                }
                event.status = "Succeeded";
                event.endTime = now;
            }
        }
        deployment.lastUpdatedAt = now;
    }

    static ObjectNode renderTarget(Sandbox sandbox, Deployment deployment) {
        ObjectNode node = CodeDeployService.MAPPER.createObjectNode();
        node.put("deploymentTargetType", "ECSTarget");
        ObjectNode target = node.putObject("ecsTarget");
        target.put("deploymentId", deployment.id);
        target.put("targetId", targetId(deployment));
        target.put("targetArn", deployment.serviceArn);
        target.put("lastUpdatedAt", deployment.lastUpdatedAt);
        ArrayNode events = target.putArray("lifecycleEvents");
        for (LifecycleEvent event : deployment.lifecycleEvents) {
            ObjectNode item = events.addObject();
            item.put("lifecycleEventName", event.name);
            if (event.startTime != null) {
                item.put("startTime", event.startTime);
            }
            if (event.endTime != null) {
                item.put("endTime", event.endTime);
            }
            item.put("status", event.status);
        }
        target.put("status", deployment.targetStatus);
        ArrayNode taskSets = target.putArray("taskSetsInfo");
        addTaskSet(sandbox, deployment, taskSets, deployment.blueTaskSetArn, deployment.blueTargetGroupArn, "Blue",
                100 - deployment.greenWeight);
        addTaskSet(sandbox, deployment, taskSets, deployment.greenTaskSetArn, deployment.greenTargetGroupArn, "Green",
                deployment.greenWeight);
        return node;
    }

    private static void addTaskSet(Sandbox sandbox, Deployment deployment, ArrayNode taskSets, String arn,
                                   String targetGroupArn, String label, int weight) {
        JsonNode taskSet;
        try {
            taskSet = describeTaskSet(sandbox, deployment, arn);
        } catch (AwsException e) {
            taskSet = null;
        }
        if (taskSet == null) {
            return;
        }
        ObjectNode item = taskSets.addObject();
        item.put("identifer", taskSet.path("id").asText());
        item.put("desiredCount", taskSet.path("computedDesiredCount").asLong());
        item.put("pendingCount", taskSet.path("pendingCount").asLong());
        item.put("runningCount", taskSet.path("runningCount").asLong());
        item.put("status", taskSet.path("status").asText());
        item.put("trafficWeight", (double) weight);
        if (targetGroupArn != null) {
            String name = targetGroupArn.replaceAll(".*:targetgroup/([^/]+)/.*", "$1");
            item.putObject("targetGroup").put("name", name);
        }
        item.put("taskSetLabel", label);
    }
}
