package org.ecslabs.simulator.codedeploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecslabs.simulator.codedeploy.CodeDeployState.Application;
import org.ecslabs.simulator.codedeploy.CodeDeployState.DeploymentGroup;
import org.ecslabs.simulator.elbv2.Elbv2Targets;
import org.ecslabs.simulator.engine.Sandbox;

/** Applications and deployment groups. */
final class ApplicationOperations {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._+=,@-]{1,100}");
    /** Members of a deployment group that are echoed back as given. */
    private static final List<String> SETTINGS = List.of("deploymentConfigName", "ec2TagFilters",
            "onPremisesInstanceTagFilters", "autoScalingGroups", "serviceRoleArn", "triggerConfigurations",
            "alarmConfiguration", "autoRollbackConfiguration", "outdatedInstancesStrategy", "deploymentStyle",
            "blueGreenDeploymentConfiguration", "loadBalancerInfo", "ec2TagSet", "onPremisesTagSet", "ecsServices",
            "terminationHookEnabled");

    private ApplicationOperations() {
    }

    static JsonNode createApplication(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        String name = applicationName(input);
        if (state.applications.containsKey(name)) {
            throw CodeDeployErrors.of("ApplicationAlreadyExistsException",
                    "The application " + name + " already exists with the IAM user or AWS account.");
        }
        String platform = CodeDeployService.textOr(input, "computePlatform", "Server");
        if (!Set.of("Server", "Lambda", "ECS").contains(platform)) {
            throw CodeDeployErrors.of("InvalidComputePlatformException", "The computePlatform is invalid: " + platform);
        }
        Application application = new Application();
        application.id = DeploymentConfigs.uuid(sandbox);
        application.name = name;
        application.computePlatform = platform;
        application.createTime = CodeDeployService.now(sandbox);
        state.applications.put(name, application);
        CodeDeployTags.put(state, CodeDeployTags.applicationArn(sandbox, name), input.get("tags"));
        return CodeDeployService.MAPPER.createObjectNode().put("applicationId", application.id);
    }

    static JsonNode getApplication(CodeDeployState state, JsonNode input) {
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        output.set("application", render(application(state, applicationName(input))));
        return output;
    }

    static JsonNode batchGetApplications(CodeDeployState state, JsonNode input) {
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        ArrayNode items = output.putArray("applicationsInfo");
        for (JsonNode name : input.path("applicationNames")) {
            items.add(render(application(state, name.asText())));
        }
        return output;
    }

    static JsonNode listApplications(CodeDeployState state) {
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        ArrayNode names = output.putArray("applications");
        state.applications.keySet().stream().sorted().forEach(names::add);
        return output;
    }

    static JsonNode deleteApplication(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        String name = applicationName(input);
        CodeDeployTags.removeApplication(sandbox, state, name);
        state.applications.remove(name);
        state.deploymentGroups.values().removeIf(group -> group.applicationName.equals(name));
        return CodeDeployService.MAPPER.createObjectNode();
    }

    static JsonNode createDeploymentGroup(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        Application application = application(state, applicationName(input));
        String name = groupName(input, "deploymentGroupName");
        if (state.deploymentGroups.containsKey(application.name + "/" + name)) {
            throw CodeDeployErrors.of("DeploymentGroupAlreadyExistsException",
                    "A deployment group with the specified name already exists with the IAM user or AWS account.");
        }
        ObjectNode settings = CodeDeployService.MAPPER.createObjectNode();
        copySettings(input, settings);
        if (!settings.has("deploymentConfigName")) {
            settings.put("deploymentConfigName", application.computePlatform.equals("ECS")
                    ? "CodeDeployDefault.ECSAllAtOnce" : "CodeDeployDefault.OneAtATime");
        }
        validate(sandbox, state, application, settings, null);
        DeploymentGroup group = new DeploymentGroup();
        group.id = DeploymentConfigs.uuid(sandbox);
        group.applicationName = application.name;
        group.name = name;
        group.settings = settings;
        state.deploymentGroups.put(application.name + "/" + name, group);
        CodeDeployTags.put(state, CodeDeployTags.groupArn(sandbox, application.name, name), input.get("tags"));
        return CodeDeployService.MAPPER.createObjectNode().put("deploymentGroupId", group.id);
    }

    static JsonNode updateDeploymentGroup(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        Application application = application(state, applicationName(input));
        String current = groupName(input, "currentDeploymentGroupName");
        DeploymentGroup group = group(state, application.name, current);
        ObjectNode settings = ((ObjectNode) group.settings).deepCopy();
        copySettings(input, settings);
        validate(sandbox, state, application, settings, application.name + "/" + current);
        String newName = CodeDeployService.text(input, "newDeploymentGroupName");
        if (newName != null && !newName.equals(current)) {
            if (state.deploymentGroups.containsKey(application.name + "/" + newName)) {
                throw CodeDeployErrors.of("DeploymentGroupAlreadyExistsException",
                        "A deployment group with the specified name already exists with the IAM user or AWS account.");
            }
            state.deploymentGroups.remove(application.name + "/" + current);
            Map<String, String> tags = state.tags.remove(CodeDeployTags.groupArn(sandbox, application.name, current));
            if (tags != null) {
                state.tags.put(CodeDeployTags.groupArn(sandbox, application.name, newName), tags);
            }
            group.name = newName;
            state.deploymentGroups.put(application.name + "/" + newName, group);
        }
        group.settings = settings;
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        output.putArray("hooksNotCleanedUp");
        return output;
    }

    static JsonNode getDeploymentGroup(CodeDeployState state, JsonNode input) {
        Application application = application(state, applicationName(input));
        DeploymentGroup group = group(state, application.name, groupName(input, "deploymentGroupName"));
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        output.set("deploymentGroupInfo", render(state, application, group));
        return output;
    }

    static JsonNode batchGetDeploymentGroups(CodeDeployState state, JsonNode input) {
        Application application = application(state, applicationName(input));
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        ArrayNode items = output.putArray("deploymentGroupsInfo");
        for (JsonNode name : input.path("deploymentGroupNames")) {
            items.add(render(state, application, group(state, application.name, name.asText())));
        }
        output.put("errorMessage", "");
        return output;
    }

    static JsonNode listDeploymentGroups(CodeDeployState state, JsonNode input) {
        Application application = application(state, applicationName(input));
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        output.put("applicationName", application.name);
        ArrayNode names = output.putArray("deploymentGroups");
        state.deploymentGroups.values().stream().filter(group -> group.applicationName.equals(application.name))
                .map(group -> group.name).sorted().forEach(names::add);
        return output;
    }

    static JsonNode deleteDeploymentGroup(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        String application = applicationName(input);
        String name = groupName(input, "deploymentGroupName");
        state.deploymentGroups.remove(application + "/" + name);
        state.tags.remove(CodeDeployTags.groupArn(sandbox, application, name));
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        output.putArray("hooksNotCleanedUp");
        return output;
    }

    static Application application(CodeDeployState state, String name) {
        Application application = state.applications.get(name);
        if (application == null) {
            throw CodeDeployErrors.applicationDoesNotExist(name);
        }
        return application;
    }

    static DeploymentGroup group(CodeDeployState state, String application, String name) {
        DeploymentGroup group = state.deploymentGroups.get(application + "/" + name);
        if (group == null) {
            throw CodeDeployErrors.deploymentGroupDoesNotExist(application, name);
        }
        return group;
    }

    static String applicationName(JsonNode input) {
        String name = CodeDeployService.text(input, "applicationName");
        if (name == null || name.isEmpty()) {
            throw CodeDeployErrors.of("ApplicationNameRequiredException", "The minimum number of required application names was not specified.");
        }
        if (!NAME.matcher(name).matches()) {
            throw CodeDeployErrors.of("InvalidApplicationNameException", "The application name was specified in an invalid format.");
        }
        return name;
    }

    private static String groupName(JsonNode input, String member) {
        String name = CodeDeployService.text(input, member);
        if (name == null || name.isEmpty()) {
            throw CodeDeployErrors.of("DeploymentGroupNameRequiredException", "The deployment group name was not specified.");
        }
        if (!NAME.matcher(name).matches()) {
            throw CodeDeployErrors.of("InvalidDeploymentGroupNameException", "The deployment group name was specified in an invalid format.");
        }
        return name;
    }

    private static void copySettings(JsonNode input, ObjectNode settings) {
        for (String member : SETTINGS) {
            if (input.hasNonNull(member)) {
                settings.set(member, input.get(member));
            }
        }
    }

    /** What CodeDeploy checks of an ECS deployment group before it accepts it. */
    private static void validate(Sandbox sandbox, CodeDeployState state, Application application, ObjectNode settings,
                                 String updatedGroupKey) {
        if (!settings.hasNonNull("serviceRoleArn")) {
            throw CodeDeployErrors.of("RoleRequiredException", "Role ARN is required");
        }
        if (!settings.path("serviceRoleArn").asText().startsWith("arn:aws:iam::")) {
            throw CodeDeployErrors.of("InvalidRoleException", "The service role ARN is not valid: " + settings.path("serviceRoleArn").asText());
        }
        CodeDeployState.DeploymentConfig config = DeploymentConfigs.find(state, settings.path("deploymentConfigName").asText());
        if (!config.computePlatform.equals(application.computePlatform)) {
            throw CodeDeployErrors.of("InvalidDeploymentConfigNameException", "Deployment config " + config.name
                    + " is not valid for the " + application.computePlatform + " compute platform");
        }
        if (!application.computePlatform.equals("ECS")) {
            return;
        }
        JsonNode style = settings.path("deploymentStyle");
        if (!"BLUE_GREEN".equals(style.path("deploymentType").asText()) || !"WITH_TRAFFIC_CONTROL".equals(style.path("deploymentOption").asText())) {
            throw CodeDeployErrors.of("InvalidDeploymentStyleException",
                    "For ECS deployment group, deploymentType must be BLUE_GREEN and deploymentOption must be WITH_TRAFFIC_CONTROL");
        }
        JsonNode services = settings.path("ecsServices");
        if (services.size() != 1 || !services.get(0).hasNonNull("serviceName") || !services.get(0).hasNonNull("clusterName")) {
            throw CodeDeployErrors.of("InvalidECSServiceException", "Exactly one ECS service, with its clusterName and serviceName, must be specified");
        }
        String cluster = services.get(0).path("clusterName").asText();
        String service = services.get(0).path("serviceName").asText();
        EcsGateway.Service found = EcsGateway.service(sandbox, cluster, service);
        if (found == null) {
            throw CodeDeployErrors.of("InvalidECSServiceException",
                    "Deployment group's ECS service must be an active ECS service: " + cluster + ":" + service + " does not exist");
        }
        if (!"CODE_DEPLOY".equals(found.deploymentController())) {
            throw CodeDeployErrors.of("InvalidECSServiceException", "Deployment group's ECS service " + service
                    + " must use the CODE_DEPLOY deployment controller");
        }
        for (var entry : state.deploymentGroups.entrySet()) {
            JsonNode other = entry.getValue().settings.path("ecsServices");
            if (!entry.getKey().equals(updatedGroupKey) && other.size() == 1
                    && other.get(0).path("serviceName").asText().equals(service)
                    && other.get(0).path("clusterName").asText().equals(cluster)) {
                throw CodeDeployErrors.of("ECSServiceMappingLimitExceededException",
                        "The ECS service " + cluster + ":" + service + " is associated with another deployment group");
            }
        }
        JsonNode pairs = settings.path("loadBalancerInfo").path("targetGroupPairInfoList");
        if (pairs.size() != 1) {
            throw CodeDeployErrors.of("InvalidLoadBalancerInfoException",
                    "For ECS deployment group, targetGroupPairInfoList must contain exactly one target group pair");
        }
        JsonNode pair = pairs.get(0);
        JsonNode groups = pair.path("targetGroups");
        if (groups.size() != 2) {
            throw CodeDeployErrors.of("InvalidTargetGroupPairException", "A target group pair must contain exactly two target groups");
        }
        for (JsonNode group : groups) {
            if (Elbv2Targets.targetGroupArn(sandbox, group.path("name").asText()) == null) {
                throw CodeDeployErrors.of("InvalidTargetGroupPairException",
                        "Target group " + group.path("name").asText() + " does not exist");
            }
        }
        JsonNode prod = pair.path("prodTrafficRoute").path("listenerArns");
        if (prod.size() != 1) {
            throw CodeDeployErrors.of("InvalidTargetGroupPairException", "Exactly one production listener must be specified");
        }
        for (JsonNode listener : List.of(prod, pair.path("testTrafficRoute").path("listenerArns"))) {
            for (JsonNode arn : listener) {
                if (!Elbv2Targets.listenerExists(sandbox, arn.asText())) {
                    throw CodeDeployErrors.of("InvalidTargetGroupPairException", "Listener " + arn.asText() + " does not exist");
                }
            }
        }
        JsonNode blueGreen = settings.path("blueGreenDeploymentConfiguration");
        String action = blueGreen.path("deploymentReadyOption").path("actionOnTimeout").asText("CONTINUE_DEPLOYMENT");
        if (!Set.of("CONTINUE_DEPLOYMENT", "STOP_DEPLOYMENT").contains(action)) {
            throw CodeDeployErrors.of("InvalidBlueGreenDeploymentConfigurationException", "Invalid actionOnTimeout: " + action);
        }
        int wait = blueGreen.path("terminateBlueInstancesOnDeploymentSuccess").path("terminationWaitTimeInMinutes").asInt(0);
        if (wait < 0 || wait > 2880) {
            throw CodeDeployErrors.of("InvalidBlueGreenDeploymentConfigurationException",
                    "terminationWaitTimeInMinutes must be between 0 and 2880");
        }
    }

    private static ObjectNode render(Application application) {
        ObjectNode node = CodeDeployService.MAPPER.createObjectNode();
        node.put("applicationId", application.id);
        node.put("applicationName", application.name);
        node.put("createTime", application.createTime);
        node.put("linkedToGitHub", false);
        node.put("computePlatform", application.computePlatform);
        return node;
    }

    private static ObjectNode render(CodeDeployState state, Application application, DeploymentGroup group) {
        ObjectNode node = CodeDeployService.MAPPER.createObjectNode();
        node.put("applicationName", group.applicationName);
        node.put("deploymentGroupId", group.id);
        node.put("deploymentGroupName", group.name);
        node.setAll((ObjectNode) group.settings);
        node.put("computePlatform", application.computePlatform);
        lastDeployment(state, group.lastAttemptedDeploymentId).ifPresent(info -> node.set("lastAttemptedDeployment", info));
        lastDeployment(state, group.lastSuccessfulDeploymentId).ifPresent(info -> node.set("lastSuccessfulDeployment", info));
        return node;
    }

    private static Optional<ObjectNode> lastDeployment(CodeDeployState state, String id) {
        CodeDeployState.Deployment deployment = id == null ? null : state.deployments.get(id);
        if (deployment == null) {
            return Optional.empty();
        }
        ObjectNode info = CodeDeployService.MAPPER.createObjectNode();
        info.put("deploymentId", deployment.id);
        info.put("status", deployment.status);
        if (deployment.completeTime != null) {
            info.put("endTime", deployment.completeTime);
        }
        info.put("createTime", deployment.createTime);
        return Optional.of(info);
    }
}
