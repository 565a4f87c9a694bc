package org.ecslabs.simulator.codedeploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.protocol.AwsException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * An ECS AppSpec: which task definition to deploy and which container and port take traffic.
 * YAML or JSON (JSON is YAML too); only plain data is constructed.
 */
record AppSpec(String taskDefinition, String containerName, int containerPort, JsonNode networkConfiguration,
               String platformVersion, JsonNode capacityProviderStrategy, List<String> hooks) {

    static AppSpec parse(String content) {
        if (content == null || content.isBlank()) {
            throw invalid("The AppSpec content is empty.");
        }
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(20);
            root = new Yaml(new SafeConstructor(options)).load(content);
        } catch (YAMLException e) {
            throw invalid("The AppSpec content is not valid YAML or JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
        JsonNode spec = CodeDeployService.MAPPER.valueToTree(root);
        if (!spec.isObject()) {
            throw invalid("The AppSpec content must be a YAML or JSON object.");
        }
        JsonNode resources = spec.path("Resources");
        JsonNode target = null;
        for (JsonNode resource : resources) {
            if (resource.has("TargetService")) {
                target = resource.get("TargetService");
            }
        }
        if (target == null && resources.isObject()) {
            target = resources.get("TargetService");
        }
        if (target == null) {
            throw invalid("The AppSpec file must contain a Resources section with a TargetService.");
        }
        if (!"AWS::ECS::Service".equals(target.path("Type").asText())) {
            throw invalid("The TargetService Type must be AWS::ECS::Service.");
        }
        JsonNode properties = target.path("Properties");
        String taskDefinition = properties.path("TaskDefinition").asText(null);
        if (taskDefinition == null || taskDefinition.isBlank()) {
            throw invalid("The AppSpec file must specify the TaskDefinition of the TargetService.");
        }
        JsonNode loadBalancer = properties.path("LoadBalancerInfo");
        String containerName = loadBalancer.path("ContainerName").asText(null);
        if (containerName == null || !loadBalancer.path("ContainerPort").canConvertToInt()
                && !loadBalancer.path("ContainerPort").asText().matches("\\d+")) {
            throw invalid("The AppSpec file must specify LoadBalancerInfo with ContainerName and ContainerPort.");
        }
        int containerPort = loadBalancer.path("ContainerPort").asInt();
        List<String> hooks = new ArrayList<>();
        for (JsonNode hook : spec.path("Hooks")) {
            hook.fieldNames().forEachRemaining(hooks::add);
        }
        return new AppSpec(taskDefinition, containerName, containerPort, lowerCamel(properties.get("NetworkConfiguration")),
                properties.path("PlatformVersion").asText(null), lowerCamel(properties.get("CapacityProviderStrategy")), hooks);
    }

    /** AppSpec spells ECS's members in PascalCase (AwsvpcConfiguration, AssignPublicIp); ECS's API wants camelCase. */
    private static JsonNode lowerCamel(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isObject()) {
            var out = CodeDeployService.MAPPER.createObjectNode();
            node.fields().forEachRemaining(field -> out.set(Character.toLowerCase(field.getKey().charAt(0))
                    + field.getKey().substring(1), lowerCamel(field.getValue())));
            return out;
        }
        if (node.isArray()) {
            var out = CodeDeployService.MAPPER.createArrayNode();
            node.forEach(item -> out.add(lowerCamel(item)));
            return out;
        }
        return node;
    }

    private static AwsException invalid(String message) {
        return CodeDeployErrors.of("InvalidRevisionException", message);
    }
}
