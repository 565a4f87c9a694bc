package org.ecslabs.simulator.codedeploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/** AWS CodeDeploy for the ECS compute platform: blue/green deployments with traffic shifting on the simulated clock. */
public class CodeDeployService implements AwsService, TaggedResources {
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String signingName() {
        return "codedeploy";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return "CodeDeploy_20141006";
    }

    @Override
    public Class<?> stateType() {
        return CodeDeployState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        CodeDeployState state = sandbox.state(CodeDeployState.class);
        return switch (operation) {
            case "CreateApplication" -> ApplicationOperations.createApplication(sandbox, state, input);
            case "TagResource" -> CodeDeployTags.tagResource(sandbox, state, input);
            case "UntagResource" -> CodeDeployTags.untagResource(sandbox, state, input);
            case "ListTagsForResource" -> CodeDeployTags.list(sandbox, state, input);
            case "GetApplication" -> ApplicationOperations.getApplication(state, input);
            case "BatchGetApplications" -> ApplicationOperations.batchGetApplications(state, input);
            case "ListApplications" -> ApplicationOperations.listApplications(state);
            case "DeleteApplication" -> ApplicationOperations.deleteApplication(sandbox, state, input);
            case "CreateDeploymentGroup" -> ApplicationOperations.createDeploymentGroup(sandbox, state, input);
            case "GetDeploymentGroup" -> ApplicationOperations.getDeploymentGroup(state, input);
            case "BatchGetDeploymentGroups" -> ApplicationOperations.batchGetDeploymentGroups(state, input);
            case "UpdateDeploymentGroup" -> ApplicationOperations.updateDeploymentGroup(sandbox, state, input);
            case "ListDeploymentGroups" -> ApplicationOperations.listDeploymentGroups(state, input);
            case "DeleteDeploymentGroup" -> ApplicationOperations.deleteDeploymentGroup(sandbox, state, input);
            case "GetDeploymentConfig" -> DeploymentConfigs.get(state, input);
            case "ListDeploymentConfigs" -> DeploymentConfigs.list(state);
            case "CreateDeploymentConfig" -> DeploymentConfigs.create(sandbox, state, input);
            case "DeleteDeploymentConfig" -> DeploymentConfigs.delete(state, input);
            case "CreateDeployment" -> DeploymentOperations.create(sandbox, state, input);
            case "GetDeployment" -> DeploymentOperations.get(sandbox, state, input);
            case "BatchGetDeployments" -> DeploymentOperations.batchGet(sandbox, state, input);
            case "ListDeployments" -> DeploymentOperations.list(state, input);
            case "ContinueDeployment" -> DeploymentOperations.continueDeployment(sandbox, state, input);
            case "StopDeployment" -> DeploymentOperations.stop(sandbox, state, input);
            case "GetDeploymentTarget" -> DeploymentOperations.getTarget(sandbox, state, input);
            case "ListDeploymentTargets" -> DeploymentOperations.listTargets(state, input);
            case "BatchGetDeploymentTargets" -> DeploymentOperations.batchGetTargets(sandbox, state, input);
            default -> throw new AwsException("UnknownOperationException", "Unknown operation " + operation);
        };
    }

    @Override
    public boolean tick(Sandbox sandbox) {
        return EcsDeploymentRunner.tick(sandbox, sandbox.state(CodeDeployState.class));
    }

    static String text(JsonNode input, String name) {
        JsonNode value = input == null ? null : input.get(name);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }

    static String textOr(JsonNode input, String name, String fallback) {
        String value = text(input, name);
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** CodeDeploy's timestamps: epoch seconds with a fraction. */
    static double now(Sandbox sandbox) {
        return sandbox.now().toEpochMilli() / 1000.0;
    }

    @Override
    public List<TaggedResource> taggedResources(Sandbox sandbox) {
        return CodeDeployTags.tagged(sandbox, sandbox.state(CodeDeployState.class));
    }

    @Override
    public Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        CodeDeployState state = sandbox.state(CodeDeployState.class);
        return CodeDeployTags.exists(sandbox, state, arn) ? state.tags.computeIfAbsent(arn, key -> new LinkedHashMap<>()) : null;
    }

}
