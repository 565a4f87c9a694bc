package org.ecslabs.simulator.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/** Systems Manager Parameter Store: String, StringList and SecureString parameters with versions. */
public class ParameterStoreService implements AwsService, TaggedResources {
    private static final Set<String> TYPES = Set.of("String", "StringList", "SecureString");
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-/]{1,2048}");

    @Override
    public String signingName() {
        return "ssm";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return "AmazonSSM";
    }

    @Override
    public Class<?> stateType() {
        return ParameterState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        ParameterState state = sandbox.state(ParameterState.class);
        return switch (operation) {
            case "PutParameter" -> putParameter(sandbox, state, input);
            case "GetParameter" -> getParameter(sandbox, state, input);
            case "GetParameters" -> getParameters(sandbox, state, input);
            case "GetParametersByPath" -> getParametersByPath(sandbox, state, input);
            case "DescribeParameters" -> describeParameters(sandbox, state, input);
            case "GetParameterHistory" -> getParameterHistory(sandbox, state, input);
            case "DeleteParameter" -> deleteParameter(state, input);
            case "DeleteParameters" -> deleteParameters(state, input);
            case "AddTagsToResource" -> addTagsToResource(state, input);
            case "RemoveTagsFromResource" -> removeTagsFromResource(state, input);
            case "ListTagsForResource" -> listTagsForResource(state, input);
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    private JsonNode putParameter(Sandbox sandbox, ParameterState state, ObjectNode input) {
        String name = validName(input.path("Name").asText(""));
        String value = input.path("Value").asText(null);
        if (value == null || value.isEmpty()) {
            throw new AwsException("ValidationException", "1 validation error detected: Value at 'value' failed to satisfy"
                    + " constraint: Member must have length greater than or equal to 1");
        }
        String type = input.path("Type").asText(null);
        if (type != null && !TYPES.contains(type)) {
            throw new AwsException("ValidationException", "1 validation error detected: Value '" + type
                    + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set: [SecureString, StringList, String]");
        }
        String tier = input.path("Tier").asText("Standard");
        if (value.length() > 4096 && !tier.equals("Advanced")) {
            throw new AwsException("ValidationException", "Standard tier parameters support a maximum parameter value of 4096 characters."
                    + " To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier.");
        }
        boolean overwrite = input.path("Overwrite").asBoolean(false);
        if (overwrite && !input.path("Tags").isEmpty()) {
            throw new AwsException("ValidationException", "Invalid request: tags and overwrite can't be used together. To create a"
                    + " parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use"
                    + " AddTagsToResource or RemoveTagsFromResource.");
        }
        ParameterState.Parameter parameter = state.parameters.get(name);
        if (parameter != null && !overwrite) {
            throw new AwsException("ParameterAlreadyExists",
                    "The parameter already exists. To overwrite this value, set the overwrite option in the request to true.");
        }
        if (parameter == null) {
            if (type == null) {
                throw new AwsException("ValidationException", "A parameter type is required when you create a parameter.");
            }
            parameter = new ParameterState.Parameter();
            parameter.name = name;
        }
        String pattern = input.path("AllowedPattern").asText(parameter.allowedPattern);
        if (pattern != null && !Pattern.compile(pattern).matcher(value).matches()) {
            throw new AwsException("ParameterPatternMismatchException", "Parameter value, " + value
                    + ", failed to satisfy constraint specified in AllowedPattern: " + pattern + ".");
        }
        parameter.type = type == null ? parameter.type : type;
        parameter.allowedPattern = pattern;
        parameter.tier = tier;
        if (input.hasNonNull("Description")) {
            parameter.description = input.path("Description").asText();
        }
        if (parameter.type.equals("SecureString")) {
            parameter.keyId = input.path("KeyId").asText(parameter.keyId == null ? "alias/aws/ssm" : parameter.keyId);
        }
        parameter.dataType = input.path("DataType").asText(parameter.dataType);
        addTags(parameter, requestTags(input.path("Tags")));
        ParameterState.Version version = new ParameterState.Version();
        version.version = parameter.versions.isEmpty() ? 1 : parameter.current().version + 1;
        version.value = value;
        version.modifiedMillis = sandbox.now().toEpochMilli();
        parameter.versions.add(version);
        // Parameter Store keeps the last 100 versions.
        if (parameter.versions.size() > 100) {
            parameter.versions.remove(0);
        }
        state.parameters.put(name, parameter);
        return JsonNodeFactory.instance.objectNode().put("Version", version.version).put("Tier", parameter.tier);
    }

    private JsonNode getParameter(Sandbox sandbox, ParameterState state, ObjectNode input) {
        String requested = input.path("Name").asText("");
        ObjectNode node = resolve(sandbox, state, requested, input.path("WithDecryption").asBoolean(false));
        if (node == null) {
            throw notFound(requested);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("Parameter", node);
        return result;
    }

    private JsonNode getParameters(Sandbox sandbox, ParameterState state, ObjectNode input) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode found = result.putArray("Parameters");
        ArrayNode invalid = result.putArray("InvalidParameters");
        for (JsonNode name : input.path("Names")) {
            ObjectNode node = resolveOrNull(sandbox, state, name.asText(), input.path("WithDecryption").asBoolean(false));
            if (node == null) {
                invalid.add(name.asText());
            } else {
                found.add(node);
            }
        }
        return result;
    }

    private JsonNode getParametersByPath(Sandbox sandbox, ParameterState state, ObjectNode input) {
        String path = input.path("Path").asText("/");
        String prefix = path.endsWith("/") ? path : path + "/";
        boolean recursive = input.path("Recursive").asBoolean(false);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode found = result.putArray("Parameters");
        for (ParameterState.Parameter parameter : state.parameters.values()) {
            String fullName = parameter.name.startsWith("/") ? parameter.name : "/" + parameter.name;
            if (fullName.startsWith(prefix) && (recursive || !fullName.substring(prefix.length()).contains("/"))) {
                found.add(parameterNode(sandbox, parameter, parameter.current(), input.path("WithDecryption").asBoolean(false), null));
            }
        }
        for (String name : PublicParameters.names()) {
            if (name.startsWith(prefix) && (recursive || !name.substring(prefix.length()).contains("/"))) {
                found.add(PublicParameters.node(sandbox, name));
            }
        }
        return result;
    }

    private JsonNode describeParameters(Sandbox sandbox, ParameterState state, ObjectNode input) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("Parameters");
        for (ParameterState.Parameter parameter : state.parameters.values()) {
            if (!ParameterFilters.matches(parameter, input)) {
                continue;
            }
            ParameterState.Version current = parameter.current();
            ObjectNode node = list.addObject()
                    .put("Name", parameter.name)
                    .put("ARN", arn(sandbox, parameter.name))
                    .put("Type", parameter.type);
            if (parameter.keyId != null) {
                node.put("KeyId", parameter.keyId);
            }
            node.put("LastModifiedDate", seconds(current.modifiedMillis))
                    .put("LastModifiedUser", "arn:aws:iam::" + sandbox.accountId() + ":root");
            if (parameter.description != null) {
                node.put("Description", parameter.description);
            }
            if (parameter.allowedPattern != null) {
                node.put("AllowedPattern", parameter.allowedPattern);
            }
            node.put("Version", current.version).put("Tier", parameter.tier).put("DataType", parameter.dataType);
            node.putArray("Policies");
        }
        return result;
    }

    private JsonNode getParameterHistory(Sandbox sandbox, ParameterState state, ObjectNode input) {
        String name = input.path("Name").asText("");
        ParameterState.Parameter parameter = state.parameters.get(nameOf(sandbox, name));
        if (parameter == null) {
            throw notFound(name);
        }
        boolean decrypt = input.path("WithDecryption").asBoolean(false);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("Parameters");
        for (ParameterState.Version version : parameter.versions) {
            ObjectNode node = list.addObject().put("Name", parameter.name).put("Type", parameter.type);
            if (parameter.keyId != null) {
                node.put("KeyId", parameter.keyId);
            }
            node.put("LastModifiedDate", seconds(version.modifiedMillis))
                    .put("LastModifiedUser", "arn:aws:iam::" + sandbox.accountId() + ":root");
            if (parameter.description != null) {
                node.put("Description", parameter.description);
            }
            node.put("Value", parameter.type.equals("SecureString") && !decrypt ? ciphertext(parameter, version) : version.value)
                    .put("Version", version.version);
            node.putArray("Labels");
            node.put("Tier", parameter.tier);
            node.putArray("Policies");
            node.put("DataType", parameter.dataType);
        }
        return result;
    }

    private JsonNode deleteParameter(ParameterState state, ObjectNode input) {
        String name = input.path("Name").asText("");
        if (state.parameters.remove(name) == null) {
            throw notFound(name);
        }
        return JsonNodeFactory.instance.objectNode();
    }

    private JsonNode deleteParameters(ParameterState state, ObjectNode input) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode deleted = result.putArray("DeletedParameters");
        ArrayNode invalid = result.putArray("InvalidParameters");
        for (JsonNode name : input.path("Names")) {
            (state.parameters.remove(name.asText()) != null ? deleted : invalid).add(name.asText());
        }
        return result;
    }

    private ObjectNode resolve(Sandbox sandbox, ParameterState state, String requested, boolean decrypt) {
        int colon = requested.lastIndexOf(':');
        if (colon > 0 && !requested.startsWith("arn:")) {
            String name = requested.substring(0, colon);
            ParameterState.Parameter parameter = state.parameters.get(name);
            if (parameter == null) {
                return null;
            }
            String selector = requested.substring(colon + 1);
            ParameterState.Version version = selector.matches("\\d+") ? parameter.version(Long.parseLong(selector)) : null;
            if (version == null) {
                throw new AwsException("ParameterVersionNotFound", "Systems Manager could not find version " + selector
                        + " of " + name + ". Verify the version and try again.");
            }
            return parameterNode(sandbox, parameter, version, decrypt, ":" + selector);
        }
        ParameterState.Parameter parameter = state.parameters.get(nameOf(sandbox, requested));
        if (parameter == null) {
            return PublicParameters.node(sandbox, requested);
        }
        return parameterNode(sandbox, parameter, parameter.current(), decrypt, null);
    }

    private ObjectNode resolveOrNull(Sandbox sandbox, ParameterState state, String requested, boolean decrypt) {
        try {
            return resolve(sandbox, state, requested, decrypt);
        } catch (AwsException e) {
            return null;
        }
    }

    /** A parameter is named by its name or by its ARN (as ECS task definitions reference it). */
    static String nameOf(Sandbox sandbox, String nameOrArn) {
        String prefix = "arn:aws:ssm:" + sandbox.region() + ":" + sandbox.accountId() + ":parameter";
        if (nameOrArn.startsWith(prefix)) {
            String rest = nameOrArn.substring(prefix.length());
            return rest.startsWith("//") ? rest.substring(1) : rest.substring(1).contains("/") ? rest : rest.substring(1);
        }
        return nameOrArn;
    }

    /** The parameter a name or ARN refers to, for other services (ECS secrets). */
    public static ParameterState.Parameter find(Sandbox sandbox, String nameOrArn) {
        return sandbox.state(ParameterState.class).parameters.get(nameOf(sandbox, nameOrArn));
    }

    private static ObjectNode parameterNode(Sandbox sandbox, ParameterState.Parameter parameter,
                                            ParameterState.Version version, boolean decrypt, String selector) {
        String value = parameter.type.equals("SecureString") && !decrypt ? ciphertext(parameter, version) : version.value;
        ObjectNode node = JsonNodeFactory.instance.objectNode()
                .put("Name", parameter.name)
                .put("Type", parameter.type)
                .put("Value", value)
                .put("Version", version.version);
        if (selector != null) {
            node.put("Selector", selector);
        }
        return node.put("LastModifiedDate", seconds(version.modifiedMillis))
                .put("ARN", arn(sandbox, parameter.name))
                .put("DataType", parameter.dataType);
    }

    public static String arn(Sandbox sandbox, String name) {
        return sandbox.arn("ssm", "parameter" + (name.startsWith("/") ? name : "/" + name));
    }

    /** An opaque stand-in for the KMS ciphertext: it never contains the value. */
    private static String ciphertext(ParameterState.Parameter parameter, ParameterState.Version version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(
                    (parameter.name + "#" + version.version + "#" + version.value).getBytes(StandardCharsets.UTF_8));
            return "AQICAHh" + Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String validName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new AwsException("ValidationException", "Parameter name: can't be prefixed with \"aws\" or \"ssm\""
                    + " (case-insensitive). If formed as a path, it can consist of sub-paths divided by slash symbol;"
                    + " each sub-path can be formed as a mix of letters, numbers and the following 3 symbols .-_");
        }
        if (name.contains("/") && !name.startsWith("/")) {
            throw new AwsException("ValidationException", "Parameter name must be a fully qualified name.");
        }
        String lower = name.replaceFirst("^/", "").toLowerCase();
        if (lower.startsWith("aws") || lower.startsWith("ssm")) {
            throw new AwsException("ValidationException",
                    "No access to reserved parameter name: " + name + ".");
        }
        return name;
    }

    private static AwsException notFound(String name) {
        return new AwsException("ParameterNotFound", "Parameter " + name + " not found.");
    }

    static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    @Override
    public List<TaggedResource> taggedResources(Sandbox sandbox) {
        List<TaggedResource> tagged = new ArrayList<>();
        sandbox.state(ParameterState.class).parameters.values()
                .forEach(parameter -> TaggedResource.addIfTagged(tagged, arn(sandbox, parameter.name), parameter.tags));
        return tagged;
    }

    @Override
    public Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        ParameterState.Parameter parameter = byArn(sandbox, arn);
        return parameter == null ? null : parameter.tags;
    }

    private static ParameterState.Parameter byArn(Sandbox sandbox, String arn) {
        return sandbox.state(ParameterState.class).parameters.values().stream()
                .filter(parameter -> arn(sandbox, parameter.name).equals(arn)).findFirst().orElse(null);
    }

    /** AddTagsToResource, RemoveTagsFromResource and ListTagsForResource name a parameter by ResourceType and ResourceId. */
    private static ParameterState.Parameter taggable(ParameterState state, ObjectNode input) {
        String type = input.path("ResourceType").asText("");
        if (!type.equals("Parameter")) {
            throw new AwsException("InvalidResourceType", "The resource type is not valid. Parameter Store resources are of type Parameter.");
        }
        ParameterState.Parameter parameter = state.parameters.get(input.path("ResourceId").asText(""));
        if (parameter == null) {
            throw new AwsException("InvalidResourceId", "The resource ID is not valid. Verify that you entered the correct ID and try again.");
        }
        return parameter;
    }

    private static Map<String, String> requestTags(JsonNode tags) {
        Map<String, String> found = new LinkedHashMap<>();
        for (JsonNode tag : tags) {
            found.put(tag.path("Key").asText(), tag.path("Value").asText(""));
        }
        return found;
    }

    private static void addTags(ParameterState.Parameter parameter, Map<String, String> tags) {
        Map<String, String> all = new LinkedHashMap<>(parameter.tags);
        all.putAll(tags);
        if (all.size() > 50) {
            throw new AwsException("TooManyTagsError", "The Targets parameter includes too many tags. Remove one or more tags and try the command again.");
        }
        parameter.tags.putAll(tags);
    }

    private static JsonNode addTagsToResource(ParameterState state, ObjectNode input) {
        addTags(taggable(state, input), requestTags(input.path("Tags")));
        return JsonNodeFactory.instance.objectNode();
    }

    private static JsonNode removeTagsFromResource(ParameterState state, ObjectNode input) {
        ParameterState.Parameter parameter = taggable(state, input);
        input.path("TagKeys").forEach(key -> parameter.tags.remove(key.asText()));
        return JsonNodeFactory.instance.objectNode();
    }

    private static JsonNode listTagsForResource(ParameterState state, ObjectNode input) {
        ParameterState.Parameter parameter = taggable(state, input);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode tags = result.putArray("TagList");
        parameter.tags.forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        return result;
    }
}
