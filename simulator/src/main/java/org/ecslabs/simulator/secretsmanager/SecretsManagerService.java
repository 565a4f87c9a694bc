package org.ecslabs.simulator.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/** AWS Secrets Manager: secrets with versions and staging labels, and deletion with a recovery window. */
public class SecretsManagerService implements AwsService, TaggedResources {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");
    private static final String SUFFIX_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    static final String CURRENT = "AWSCURRENT";
    static final String PREVIOUS = "AWSPREVIOUS";

    @Override
    public String signingName() {
        return "secretsmanager";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return "secretsmanager";
    }

    @Override
    public Class<?> stateType() {
        return SecretsState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        SecretsState state = sandbox.state(SecretsState.class);
        return switch (operation) {
            case "CreateSecret" -> createSecret(sandbox, state, input);
            case "DescribeSecret" -> describe(sandbox, existing(state, input), true);
            case "GetSecretValue" -> getSecretValue(sandbox, state, input);
            case "PutSecretValue" -> putSecretValue(sandbox, state, input);
            case "UpdateSecret" -> updateSecret(sandbox, state, input);
            case "ListSecrets" -> listSecrets(sandbox, state, input);
            case "DeleteSecret" -> deleteSecret(sandbox, state, input);
            case "RestoreSecret" -> restoreSecret(sandbox, state, input);
            case "GetRandomPassword" -> RandomPasswords.generate(input);
            case "TagResource" -> {
                SecretsState.Secret secret = existing(state, input);
                input.path("Tags").forEach(tag -> secret.tags.put(tag.path("Key").asText(), tag.path("Value").asText("")));
                yield JsonNodeFactory.instance.objectNode();
            }
            case "UntagResource" -> {
                SecretsState.Secret secret = existing(state, input);
                input.path("TagKeys").forEach(key -> secret.tags.remove(key.asText()));
                yield JsonNodeFactory.instance.objectNode();
            }
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    /** Removes secrets whose recovery window has passed. */
    @Override
    public boolean tick(Sandbox sandbox) {
        long now = sandbox.now().toEpochMilli();
        return sandbox.state(SecretsState.class).secrets.values()
                .removeIf(s -> s.deletionDateMillis != null && s.deletionDateMillis <= now);
    }

    private JsonNode createSecret(Sandbox sandbox, SecretsState state, ObjectNode input) {
        String name = input.path("Name").asText(null);
        if (name == null || !NAME.matcher(name).matches()) {
            throw new AwsException("InvalidParameterException",
                    "Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!");
        }
        SecretsState.Secret existing = state.secrets.get(name);
        if (existing != null) {
            throw existing.deletedMillis != null ? markedForDeletion()
                    : new AwsException("ResourceExistsException", "The operation failed because the secret " + name + " already exists.");
        }
        SecretsState.Secret secret = new SecretsState.Secret();
        secret.name = name;
        secret.arn = sandbox.arn("secretsmanager", "secret:" + name + "-" + suffix(sandbox));
        secret.description = input.path("Description").asText(null);
        secret.kmsKeyId = input.path("KmsKeyId").asText(null);
        secret.createdMillis = sandbox.now().toEpochMilli();
        secret.lastChangedMillis = secret.createdMillis;
        for (JsonNode tag : input.path("Tags")) {
            secret.tags.put(tag.path("Key").asText(), tag.path("Value").asText(""));
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("ARN", secret.arn).put("Name", name);
        if (input.hasNonNull("SecretString") || input.hasNonNull("SecretBinary")) {
            SecretsState.Version version = addVersion(sandbox, secret, input);
            result.put("VersionId", version.versionId);
        }
        state.secrets.put(name, secret);
        return result;
    }

    private JsonNode getSecretValue(Sandbox sandbox, SecretsState state, ObjectNode input) {
        SecretsState.Secret secret = live(state, input);
        SecretsState.Version version = selectVersion(secret, input.path("VersionId").asText(null),
                input.path("VersionStage").asText(null));
        secret.lastAccessedMillis = sandbox.now().toEpochMilli() / 86_400_000L * 86_400_000L;
        ObjectNode result = JsonNodeFactory.instance.objectNode()
                .put("ARN", secret.arn).put("Name", secret.name).put("VersionId", version.versionId);
        if (version.secretString != null) {
            result.put("SecretString", version.secretString);
        }
        if (version.secretBinary != null) {
            result.put("SecretBinary", version.secretBinary);
        }
        ArrayNode stages = result.putArray("VersionStages");
        version.stages.forEach(stages::add);
        result.put("CreatedDate", seconds(version.createdMillis));
        return result;
    }

    /** The version a GetSecretValue (or an ECS task's secret reference) asks for. */
    static SecretsState.Version selectVersion(SecretsState.Secret secret, String versionId, String stage) {
        SecretsState.Version version;
        if (versionId != null) {
            version = secret.versions.get(versionId);
            if (version == null || (stage != null && !version.stages.contains(stage))) {
                throw new AwsException("ResourceNotFoundException",
                        "Secrets Manager can't find the specified secret value for VersionId: " + versionId);
            }
            return version;
        }
        String wanted = stage == null ? CURRENT : stage;
        version = secret.versionWithStage(wanted);
        if (version == null) {
            throw new AwsException("ResourceNotFoundException",
                    "Secrets Manager can't find the specified secret value for staging label: " + wanted);
        }
        return version;
    }

    private JsonNode putSecretValue(Sandbox sandbox, SecretsState state, ObjectNode input) {
        SecretsState.Secret secret = live(state, input);
        if (!input.hasNonNull("SecretString") && !input.hasNonNull("SecretBinary")) {
            throw new AwsException("InvalidRequestException", "You must provide either SecretString or SecretBinary.");
        }
        SecretsState.Version version = addVersion(sandbox, secret, input);
        ObjectNode result = JsonNodeFactory.instance.objectNode()
                .put("ARN", secret.arn).put("Name", secret.name).put("VersionId", version.versionId);
        ArrayNode stages = result.putArray("VersionStages");
        version.stages.forEach(stages::add);
        return result;
    }

    private JsonNode updateSecret(Sandbox sandbox, SecretsState state, ObjectNode input) {
        SecretsState.Secret secret = live(state, input);
        if (input.hasNonNull("Description")) {
            secret.description = input.path("Description").asText();
        }
        if (input.hasNonNull("KmsKeyId")) {
            secret.kmsKeyId = input.path("KmsKeyId").asText();
        }
        secret.lastChangedMillis = sandbox.now().toEpochMilli();
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("ARN", secret.arn).put("Name", secret.name);
        if (input.hasNonNull("SecretString") || input.hasNonNull("SecretBinary")) {
            result.put("VersionId", addVersion(sandbox, secret, input).versionId);
        }
        return result;
    }

    /** A new version takes AWSCURRENT; the one that had it keeps AWSPREVIOUS, as rotation does. */
    private static SecretsState.Version addVersion(Sandbox sandbox, SecretsState.Secret secret, ObjectNode input) {
        String versionId = input.path("ClientRequestToken").asText(null);
        if (versionId == null) {
            versionId = uuid(sandbox.newId());
        }
        SecretsState.Version same = secret.versions.get(versionId);
        if (same != null) {
            if (Objects.equals(same.secretString, input.path("SecretString").asText(null))) {
                return same;
            }
            throw new AwsException("ResourceExistsException",
                    "You can't modify an existing version, you can only create a new version.");
        }
        SecretsState.Version version = new SecretsState.Version();
        version.versionId = versionId;
        version.secretString = input.path("SecretString").asText(null);
        version.secretBinary = input.path("SecretBinary").asText(null);
        version.createdMillis = sandbox.now().toEpochMilli();
        List<String> requested = new ArrayList<>();
        input.path("VersionStages").forEach(stage -> requested.add(stage.asText()));
        if (requested.isEmpty()) {
            requested.add(CURRENT);
        }
        if (requested.contains(CURRENT)) {
            SecretsState.Version current = secret.versionWithStage(CURRENT);
            secret.versions.values().forEach(v -> v.stages.remove(PREVIOUS));
            if (current != null) {
                current.stages.remove(CURRENT);
                current.stages.add(PREVIOUS);
            }
        }
        for (String stage : requested) {
            secret.versions.values().forEach(v -> v.stages.remove(stage));
        }
        version.stages.addAll(requested);
        secret.versions.put(versionId, version);
        // A version left with no label is deprecated; AWS keeps up to about a hundred, we keep none.
        secret.versions.values().removeIf(v -> v.stages.isEmpty());
        secret.lastChangedMillis = version.createdMillis;
        return version;
    }

    private JsonNode listSecrets(Sandbox sandbox, SecretsState state, ObjectNode input) {
        boolean includeDeleted = input.path("IncludePlannedDeletion").asBoolean(false);
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (SecretsState.Secret secret : state.secrets.values()) {
            if ((secret.deletedMillis == null || includeDeleted) && matches(secret, input.path("Filters"))) {
                list.add(describe(sandbox, secret, false));
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        result.set("SecretList", list);
        return result;
    }

    private static boolean matches(SecretsState.Secret secret, JsonNode filters) {
        for (JsonNode filter : filters) {
            String key = filter.path("Key").asText();
            boolean any = false;
            for (JsonNode value : filter.path("Values")) {
                String wanted = value.asText();
                boolean negate = wanted.startsWith("!");
                String prefix = (negate ? wanted.substring(1) : wanted).toLowerCase(Locale.ROOT);
                boolean hit = switch (key) {
                    case "name" -> secret.name.toLowerCase(Locale.ROOT).startsWith(prefix);
                    case "description" -> secret.description != null && secret.description.toLowerCase(Locale.ROOT).startsWith(prefix);
                    case "tag-key" -> secret.tags.keySet().stream().anyMatch(k -> k.toLowerCase(Locale.ROOT).startsWith(prefix));
                    case "tag-value" -> secret.tags.values().stream().anyMatch(v -> v.toLowerCase(Locale.ROOT).startsWith(prefix));
                    case "all" -> secret.name.toLowerCase(Locale.ROOT).startsWith(prefix)
                            || (secret.description != null && secret.description.toLowerCase(Locale.ROOT).startsWith(prefix));
                    default -> false;
                };
                any |= negate != hit;
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    private JsonNode deleteSecret(Sandbox sandbox, SecretsState state, ObjectNode input) {
        SecretsState.Secret secret = existing(state, input);
        boolean force = input.path("ForceDeleteWithoutRecovery").asBoolean(false);
        if (force && input.hasNonNull("RecoveryWindowInDays")) {
            throw new AwsException("InvalidParameterException",
                    "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.");
        }
        int days = input.path("RecoveryWindowInDays").asInt(30);
        if (days < 7 || days > 30) {
            throw new AwsException("InvalidParameterException",
                    "The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).");
        }
        if (secret.deletedMillis != null && !force) {
            throw markedForDeletion();
        }
        long now = sandbox.now().toEpochMilli();
        long deletionDate = force ? now : now + Duration.ofDays(days).toMillis();
        if (force) {
            state.secrets.remove(secret.name);
        } else {
            secret.deletedMillis = now;
            secret.deletionDateMillis = deletionDate;
        }
        return JsonNodeFactory.instance.objectNode()
                .put("ARN", secret.arn).put("Name", secret.name).put("DeletionDate", seconds(deletionDate));
    }

    private JsonNode restoreSecret(Sandbox sandbox, SecretsState state, ObjectNode input) {
        SecretsState.Secret secret = existing(state, input);
        secret.deletedMillis = null;
        secret.deletionDateMillis = null;
        secret.lastChangedMillis = sandbox.now().toEpochMilli();
        return JsonNodeFactory.instance.objectNode().put("ARN", secret.arn).put("Name", secret.name);
    }

    private static ObjectNode describe(Sandbox sandbox, SecretsState.Secret secret, boolean describeShape) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("ARN", secret.arn).put("Name", secret.name);
        if (secret.description != null) {
            node.put("Description", secret.description);
        }
        if (secret.kmsKeyId != null) {
            node.put("KmsKeyId", secret.kmsKeyId);
        }
        node.put("LastChangedDate", seconds(secret.lastChangedMillis));
        if (secret.lastAccessedMillis != null) {
            node.put("LastAccessedDate", seconds(secret.lastAccessedMillis));
        }
        if (secret.deletedMillis != null) {
            node.put("DeletedDate", seconds(secret.deletedMillis));
        }
        if (!secret.tags.isEmpty()) {
            ArrayNode tags = node.putArray("Tags");
            secret.tags.forEach((key, value) -> tags.addObject().put("Key", key).put("Value", value));
        }
        ObjectNode stages = node.putObject(describeShape ? "VersionIdsToStages" : "SecretVersionsToStages");
        secret.versions.values().forEach(v -> {
            ArrayNode labels = stages.putArray(v.versionId);
            v.stages.forEach(labels::add);
        });
        node.put("CreatedDate", seconds(secret.createdMillis));
        return node;
    }

    static SecretsState.Secret existing(SecretsState state, ObjectNode input) {
        SecretsState.Secret secret = state.find(input.path("SecretId").asText(null));
        if (secret == null) {
            throw notFound();
        }
        return secret;
    }

    private static SecretsState.Secret live(SecretsState state, ObjectNode input) {
        SecretsState.Secret secret = existing(state, input);
        if (secret.deletedMillis != null) {
            throw markedForDeletion();
        }
        return secret;
    }

    static AwsException notFound() {
        return new AwsException("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
    }

    static AwsException markedForDeletion() {
        return new AwsException("InvalidRequestException",
                "You can't perform this operation on the secret because it was marked for deletion.");
    }

    private static String suffix(Sandbox sandbox) {
        String id = sandbox.newId();
        StringBuilder suffix = new StringBuilder(6);
        for (int i = 0; i < 6; i++) {
            suffix.append(SUFFIX_ALPHABET.charAt(Integer.parseInt(id.substring(i * 4, i * 4 + 4), 16) % SUFFIX_ALPHABET.length()));
        }
        return suffix.toString();
    }

    static String uuid(String hex) {
        return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                + hex.substring(16, 20) + "-" + hex.substring(20, 32);
    }

    static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3);
    }

    /** Secrets marked for deletion still exist (DescribeSecret shows them) until their recovery window ends. */
    @Override
    public List<TaggedResource> taggedResources(Sandbox sandbox) {
        List<TaggedResource> tagged = new ArrayList<>();
        sandbox.state(SecretsState.class).secrets.values()
                .forEach(secret -> TaggedResource.addIfTagged(tagged, secret.arn, secret.tags));
        return tagged;
    }

    @Override
    public Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        SecretsState.Secret secret = byArn(sandbox, arn);
        return secret == null ? null : secret.tags;
    }

    private static SecretsState.Secret byArn(Sandbox sandbox, String arn) {
        return sandbox.state(SecretsState.class).secrets.values().stream()
                .filter(secret -> secret.arn.equals(arn)).findFirst().orElse(null);
    }
}
