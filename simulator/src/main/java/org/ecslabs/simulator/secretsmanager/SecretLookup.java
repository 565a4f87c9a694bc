package org.ecslabs.simulator.secretsmanager;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * How ECS resolves a container secret's valueFrom that names Secrets Manager:
 * {@code arn:aws:secretsmanager:region:account:secret:name-AbCdEf[:json-key:version-stage:version-id]}.
 */
public final class SecretLookup {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The secret's full ARN when it exists, the value when it resolves, else the error AWS would give. */
    public record Result(String secretArn, String value, String error) {
    }

    private SecretLookup() {
    }

    public static Result find(Sandbox sandbox, String valueFrom) {
        String[] parts = valueFrom.split(":", -1);
        if (parts.length < 7 || !parts[5].equals("secret")) {
            return new Result(null, null, "InvalidParameterException: An ARN is not valid: " + valueFrom);
        }
        if (!parts[4].equals(sandbox.accountId())) {
            return new Result(null, null, "ResourceNotFoundException: Secrets Manager can't find the specified secret.");
        }
        String secretId = String.join(":", parts[0], parts[1], parts[2], parts[3], parts[4], parts[5], parts[6]);
        SecretsState state = sandbox.inRegion(parts[3]).state(SecretsState.class);
        SecretsState.Secret secret = state.find(secretId);
        if (secret == null) {
            return new Result(null, null, "ResourceNotFoundException: Secrets Manager can't find the specified secret.");
        }
        if (secret.deletedMillis != null) {
            return new Result(secret.arn, null, "InvalidRequestException: " + SecretsManagerService.markedForDeletion().getMessage());
        }
        String jsonKey = part(parts, 7);
        String stage = part(parts, 8);
        String versionId = part(parts, 9);
        SecretsState.Version version;
        try {
            version = SecretsManagerService.selectVersion(secret, versionId, stage);
        } catch (AwsException e) {
            return new Result(secret.arn, null, e.code() + ": " + e.getMessage());
        }
        if (version.secretString == null) {
            return new Result(secret.arn, null, "secret " + secret.arn + " has no string value");
        }
        if (jsonKey == null) {
            return new Result(secret.arn, version.secretString, null);
        }
        try {
            JsonNode value = MAPPER.readTree(version.secretString).get(jsonKey);
            if (value == null) {
                return new Result(secret.arn, null, "retrieved secret from Secrets Manager did not contain json key " + jsonKey);
            }
            return new Result(secret.arn, value.isTextual() ? value.asText() : value.toString(), null);
        } catch (Exception e) {
            return new Result(secret.arn, null, "secret value is not valid JSON, so json key " + jsonKey + " cannot be read");
        }
    }

    private static String part(String[] parts, int index) {
        return parts.length > index && !parts[index].isEmpty() ? parts[index] : null;
    }
}
