package org.ecslabs.simulator.ecr;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * ECR lifecycle policies: validation and evaluation. Rules apply in rulePriority order; an image
 * that a rule's selection matches is that rule's alone, so lower-priority rules never expire it.
 */
final class LifecyclePolicies {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LifecyclePolicies() {
    }

    /** Parses and checks a policy, with ECR's wording for a broken one. */
    static List<JsonNode> rules(String text) {
        JsonNode policy;
        try {
            policy = MAPPER.readTree(text);
        } catch (Exception e) {
            throw invalid("Could not parse the policy text as JSON");
        }
        if (policy == null || !policy.path("rules").isArray() || policy.path("rules").isEmpty()) {
            throw invalid("The policy must contain at least one rule");
        }
        List<JsonNode> rules = new ArrayList<>();
        Set<Integer> priorities = new HashSet<>();
        for (JsonNode rule : policy.path("rules")) {
            if (!rule.path("rulePriority").canConvertToInt() || !priorities.add(rule.path("rulePriority").asInt())) {
                throw invalid("Each rule must have a unique integer rulePriority");
            }
            JsonNode selection = rule.path("selection");
            String tagStatus = selection.path("tagStatus").asText("");
            if (!List.of("tagged", "untagged", "any").contains(tagStatus)) {
                throw invalid("tagStatus must be one of tagged, untagged or any");
            }
            if (tagStatus.equals("tagged") && selection.path("tagPrefixList").isEmpty() && selection.path("tagPatternList").isEmpty()) {
                throw invalid("A rule with tagStatus tagged requires a tagPrefixList or a tagPatternList");
            }
            String countType = selection.path("countType").asText("");
            if (!countType.equals("imageCountMoreThan") && !countType.equals("sinceImagePushed")) {
                throw invalid("countType must be imageCountMoreThan or sinceImagePushed");
            }
            if (countType.equals("sinceImagePushed") && !"days".equals(selection.path("countUnit").asText())) {
                throw invalid("countUnit days is required with countType sinceImagePushed");
            }
            if (selection.path("countNumber").asInt(0) < 1) {
                throw invalid("countNumber must be a positive integer");
            }
            if (!"expire".equals(rule.path("action").path("type").asText())) {
                throw invalid("The only supported action type is expire");
            }
            rules.add(rule);
        }
        rules.sort(Comparator.comparingInt(rule -> rule.path("rulePriority").asInt()));
        return rules;
    }

    /** The digests the policy expires now. */
    static Set<String> expired(EcrState.Repository repository, long nowMillis) {
        Set<String> claimed = new HashSet<>();
        Set<String> expire = new HashSet<>();
        for (JsonNode rule : rules(repository.lifecyclePolicy)) {
            JsonNode selection = rule.path("selection");
            List<EcrState.Image> matching = new ArrayList<>();
            for (EcrState.Image image : repository.images.values()) {
                if (!claimed.contains(image.digest) && selects(selection, image)) {
                    matching.add(image);
                }
            }
            matching.forEach(image -> claimed.add(image.digest));
            int count = selection.path("countNumber").asInt();
            if (selection.path("countType").asText().equals("imageCountMoreThan")) {
                matching.sort(Comparator.comparingLong((EcrState.Image image) -> image.pushedMillis).reversed());
                matching.stream().skip(count).forEach(image -> expire.add(image.digest));
            } else {
                long cutoff = nowMillis - Duration.ofDays(count).toMillis();
                matching.stream().filter(image -> image.pushedMillis < cutoff).forEach(image -> expire.add(image.digest));
            }
        }
        return expire;
    }

    private static boolean selects(JsonNode selection, EcrState.Image image) {
        return switch (selection.path("tagStatus").asText()) {
            case "untagged" -> image.tags.isEmpty();
            case "any" -> true;
            default -> image.tags.stream().anyMatch(tag -> matchesTag(selection, tag));
        };
    }

    private static boolean matchesTag(JsonNode selection, String tag) {
        for (JsonNode prefix : selection.path("tagPrefixList")) {
            if (tag.startsWith(prefix.asText())) {
                return true;
            }
        }
        for (JsonNode pattern : selection.path("tagPatternList")) {
            if (Pattern.compile(Pattern.quote(pattern.asText()).replace("*", "\\E.*\\Q")).matcher(tag).matches()) {
                return true;
            }
        }
        return false;
    }

    private static AwsException invalid(String reason) {
        return new AwsException("InvalidParameterException",
                "Invalid parameter at 'LifecyclePolicyText' failed to satisfy constraint: 'Lifecycle policy validation failure: "
                        + reason + "'");
    }
}
