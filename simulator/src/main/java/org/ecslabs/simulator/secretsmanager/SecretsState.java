package org.ecslabs.simulator.secretsmanager;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The secrets of one account in one region. */
public class SecretsState {
    public Map<String, Secret> secrets = new LinkedHashMap<>();

    public static class Secret {
        public String name;
        public String arn;
        public String description;
        public String kmsKeyId;
        public long createdMillis;
        public long lastChangedMillis;
        public Long lastAccessedMillis;
        /** When DeleteSecret was called; null while the secret is live. */
        public Long deletedMillis;
        /** When a secret marked for deletion is removed for good. */
        public Long deletionDateMillis;
        public Map<String, Version> versions = new LinkedHashMap<>();
        public Map<String, String> tags = new LinkedHashMap<>();

        public Version versionWithStage(String stage) {
            return versions.values().stream().filter(v -> v.stages.contains(stage)).findFirst().orElse(null);
        }
    }

    public static class Version {
        public String versionId;
        public String secretString;
        /** Base64, as it travels on the wire. */
        public String secretBinary;
        public long createdMillis;
        public List<String> stages = new ArrayList<>();
    }

    /** A secret by name, full ARN or partial ARN (without the six-character suffix), as every SecretId is resolved. */
    public Secret find(String secretId) {
        if (secretId == null) {
            return null;
        }
        Secret byName = secrets.get(secretId);
        if (byName != null) {
            return byName;
        }
        for (Secret secret : secrets.values()) {
            if (secret.arn.equals(secretId) || secret.arn.substring(0, secret.arn.length() - 7).equals(secretId)) {
                return secret;
            }
        }
        return null;
    }
}
