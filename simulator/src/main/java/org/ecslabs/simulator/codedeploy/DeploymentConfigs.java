package org.ecslabs.simulator.codedeploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecslabs.simulator.codedeploy.CodeDeployState.DeploymentConfig;
import org.ecslabs.simulator.engine.Sandbox;

/** The predefined CodeDeployDefault.* configurations and the account's own. */
final class DeploymentConfigs {
    /** When AWS created the predefined configurations, as GetDeploymentConfig reports it. */
    private static final double BUILT_IN_CREATE_TIME = 1548357132.0;
    private static final Map<String, DeploymentConfig> BUILT_IN = new LinkedHashMap<>();
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._+=,@-]{1,100}");

    static {
        server("CodeDeployDefault.OneAtATime", "HOST_COUNT", 1);
        server("CodeDeployDefault.HalfAtATime", "FLEET_PERCENT", 50);
        server("CodeDeployDefault.AllAtOnce", "HOST_COUNT", 0);
        routed("CodeDeployDefault.LambdaAllAtOnce", "Lambda", "AllAtOnce", 0, 0);
        routed("CodeDeployDefault.LambdaCanary10Percent5Minutes", "Lambda", "TimeBasedCanary", 10, 5);
        routed("CodeDeployDefault.LambdaCanary10Percent10Minutes", "Lambda", "TimeBasedCanary", 10, 10);
        routed("CodeDeployDefault.LambdaCanary10Percent15Minutes", "Lambda", "TimeBasedCanary", 10, 15);
        routed("CodeDeployDefault.LambdaCanary10Percent30Minutes", "Lambda", "TimeBasedCanary", 10, 30);
        routed("CodeDeployDefault.LambdaLinear10PercentEvery1Minute", "Lambda", "TimeBasedLinear", 10, 1);
        routed("CodeDeployDefault.LambdaLinear10PercentEvery2Minutes", "Lambda", "TimeBasedLinear", 10, 2);
        routed("CodeDeployDefault.LambdaLinear10PercentEvery3Minutes", "Lambda", "TimeBasedLinear", 10, 3);
        routed("CodeDeployDefault.LambdaLinear10PercentEvery10Minutes", "Lambda", "TimeBasedLinear", 10, 10);
        routed("CodeDeployDefault.ECSAllAtOnce", "ECS", "AllAtOnce", 0, 0);
        routed("CodeDeployDefault.ECSLinear10PercentEvery1Minutes", "ECS", "TimeBasedLinear", 10, 1);
        routed("CodeDeployDefault.ECSLinear10PercentEvery3Minutes", "ECS", "TimeBasedLinear", 10, 3);
        routed("CodeDeployDefault.ECSCanary10Percent5Minutes", "ECS", "TimeBasedCanary", 10, 5);
        routed("CodeDeployDefault.ECSCanary10Percent15Minutes", "ECS", "TimeBasedCanary", 10, 15);
    }

    private DeploymentConfigs() {
    }

    private static void server(String name, String type, int value) {
        DeploymentConfig config = builtIn(name, "Server");
        config.minimumHealthyHosts = CodeDeployService.MAPPER.createObjectNode().put("type", type).put("value", value);
    }

    private static void routed(String name, String platform, String type, int percentage, int interval) {
        DeploymentConfig config = builtIn(name, platform);
        config.type = type;
        config.percentage = percentage;
        config.intervalMinutes = interval;
    }

    private static DeploymentConfig builtIn(String name, String platform) {
        DeploymentConfig config = new DeploymentConfig();
        config.name = name;
        config.computePlatform = platform;
        // A stable id per name, shaped like CodeDeploy's UUIDs.
        String hex = String.format("%032x", new BigInteger(1, name.getBytes(StandardCharsets.UTF_8))
                .mod(BigInteger.TWO.pow(128)));
        config.id = hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
        config.createTime = BUILT_IN_CREATE_TIME;
        BUILT_IN.put(name, config);
        return config;
    }

    static DeploymentConfig find(CodeDeployState state, String name) {
        DeploymentConfig config = BUILT_IN.containsKey(name) ? BUILT_IN.get(name) : state.deploymentConfigs.get(name);
        if (config == null) {
            throw CodeDeployErrors.deploymentConfigDoesNotExist(name);
        }
        return config;
    }

    static JsonNode get(CodeDeployState state, JsonNode input) {
        String name = CodeDeployService.text(input, "deploymentConfigName");
        if (name == null) {
            throw CodeDeployErrors.of("DeploymentConfigNameRequiredException", "Deployment config name is required");
        }
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        output.set("deploymentConfigInfo", render(find(state, name)));
        return output;
    }

    static JsonNode list(CodeDeployState state) {
        ObjectNode output = CodeDeployService.MAPPER.createObjectNode();
        ArrayNode names = output.putArray("deploymentConfigsList");
        List<String> all = new ArrayList<>(BUILT_IN.keySet());
        all.addAll(state.deploymentConfigs.keySet());
        all.forEach(names::add);
        return output;
    }

    static JsonNode create(Sandbox sandbox, CodeDeployState state, JsonNode input) {
        String name = CodeDeployService.text(input, "deploymentConfigName");
        if (name == null) {
            throw CodeDeployErrors.of("DeploymentConfigNameRequiredException", "Deployment config name is required");
        }
        if (!NAME.matcher(name).matches() || name.startsWith("CodeDeployDefault.")) {
            throw CodeDeployErrors.of("InvalidDeploymentConfigNameException", "Deployment config name is invalid: " + name);
        }
        if (state.deploymentConfigs.containsKey(name)) {
            throw CodeDeployErrors.of("DeploymentConfigAlreadyExistsException",
                    "A deployment configuration with the specified name already exists with the IAM user or AWS account.");
        }
        String platform = CodeDeployService.textOr(input, "computePlatform", "Server");
        if (!Set.of("Server", "Lambda", "ECS").contains(platform)) {
            throw CodeDeployErrors.of("InvalidComputePlatformException", "The computePlatform is invalid: " + platform);
        }
        DeploymentConfig config = new DeploymentConfig();
        config.name = name;
        config.computePlatform = platform;
        JsonNode routing = input.get("trafficRoutingConfig");
        if (platform.equals("Server")) {
            config.minimumHealthyHosts = input.get("minimumHealthyHosts");
            if (config.minimumHealthyHosts == null) {
                throw CodeDeployErrors.of("InvalidMinimumHealthyHostValueException", "Minimum healthy hosts must be specified");
            }
        } else {
            if (routing == null) {
                throw CodeDeployErrors.of("InvalidTrafficRoutingConfigurationException",
                        "Traffic routing configuration must be specified for the " + platform + " compute platform");
            }
            config.type = CodeDeployService.textOr(routing, "type", "AllAtOnce");
            JsonNode detail = switch (config.type) {
                case "TimeBasedCanary" -> routing.get("timeBasedCanary");
                case "TimeBasedLinear" -> routing.get("timeBasedLinear");
                case "AllAtOnce" -> null;
                default -> throw CodeDeployErrors.of("InvalidTrafficRoutingConfigurationException",
                        "Traffic routing type is invalid: " + config.type);
            };
            if (!config.type.equals("AllAtOnce")) {
                boolean canary = config.type.equals("TimeBasedCanary");
                if (detail == null) {
                    throw CodeDeployErrors.of("InvalidTrafficRoutingConfigurationException",
                            (canary ? "timeBasedCanary" : "timeBasedLinear") + " must be specified for type " + config.type);
                }
                config.percentage = detail.path(canary ? "canaryPercentage" : "linearPercentage").asInt();
                config.intervalMinutes = detail.path(canary ? "canaryInterval" : "linearInterval").asInt();
                if (config.percentage < 1 || config.percentage > 99 || config.intervalMinutes < 1) {
                    throw CodeDeployErrors.of("InvalidTrafficRoutingConfigurationException",
                            "The percentage must be between 1 and 99 and the interval at least 1 minute");
                }
            }
        }
        config.id = uuid(sandbox);
        config.createTime = CodeDeployService.now(sandbox);
        state.deploymentConfigs.put(name, config);
        return CodeDeployService.MAPPER.createObjectNode().put("deploymentConfigId", config.id);
    }

    static JsonNode delete(CodeDeployState state, JsonNode input) {
        String name = CodeDeployService.text(input, "deploymentConfigName");
        if (name == null) {
            throw CodeDeployErrors.of("DeploymentConfigNameRequiredException", "Deployment config name is required");
        }
        if (BUILT_IN.containsKey(name)) {
            throw CodeDeployErrors.of("InvalidOperationException", "The default deployment configurations cannot be deleted");
        }
        boolean inUse = state.deploymentGroups.values().stream()
                .anyMatch(group -> name.equals(group.settings.path("deploymentConfigName").asText(null)));
        if (inUse) {
            throw CodeDeployErrors.of("DeploymentConfigInUseException", "The deployment configuration is still in use");
        }
        state.deploymentConfigs.remove(name);
        return CodeDeployService.MAPPER.createObjectNode();
    }

    static ObjectNode render(DeploymentConfig config) {
        ObjectNode node = CodeDeployService.MAPPER.createObjectNode();
        node.put("deploymentConfigId", config.id);
        node.put("deploymentConfigName", config.name);
        if (config.minimumHealthyHosts != null) {
            node.set("minimumHealthyHosts", config.minimumHealthyHosts);
        }
        node.put("createTime", config.createTime);
        node.put("computePlatform", config.computePlatform);
        if (config.type != null) {
            ObjectNode routing = node.putObject("trafficRoutingConfig");
            routing.put("type", config.type);
            if (config.type.equals("TimeBasedCanary")) {
                routing.putObject("timeBasedCanary").put("canaryPercentage", config.percentage)
                        .put("canaryInterval", config.intervalMinutes);
            } else if (config.type.equals("TimeBasedLinear")) {
                routing.putObject("timeBasedLinear").put("linearPercentage", config.percentage)
                        .put("linearInterval", config.intervalMinutes);
            }
        }
        return node;
    }

    static String uuid(Sandbox sandbox) {
        String hex = sandbox.newId();
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }
}
