package org.ecslabs.simulator.engine;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a service tells the Resource Groups Tagging API: its resources in one sandbox that carry
 * tags, each with its ARN and tags. Only resources that exist now (as the service's own Describe
 * or List shows them) belong in the list. An {@link AwsService} implements this when its resources
 * are visible to tag:GetResources; IAM, as on AWS, does not.
 */
public interface TaggedResources {
    List<TaggedResource> taggedResources(Sandbox sandbox);

    /**
     * The live, changeable tag map of one of this service's resources, for tag:TagResources and
     * tag:UntagResources; null when the ARN names no resource of this service, which is then
     * reported as failed.
     */
    default Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        return null;
    }

    /** Adds tags to the resource an ARN names; false when this service has no such resource. */
    default boolean tagResource(Sandbox sandbox, String arn, Map<String, String> tags) {
        Map<String, String> current = tagsOf(sandbox, arn);
        if (current != null) {
            current.putAll(tags);
        }
        return current != null;
    }

    /** Removes tag keys from the resource an ARN names; false as above. */
    default boolean untagResource(Sandbox sandbox, String arn, List<String> keys) {
        Map<String, String> current = tagsOf(sandbox, arn);
        if (current != null) {
            keys.forEach(current::remove);
        }
        return current != null;
    }

    /** One resource's ARN and its tags, sorted by key (a missing value reads as ""). */
    record TaggedResource(String arn, Map<String, String> tags) {
        public TaggedResource {
            TreeMap<String, String> sorted = new TreeMap<>();
            tags.forEach((key, value) -> sorted.put(key, value == null ? "" : value));
            tags = Collections.unmodifiableMap(sorted);
        }

        /** The tagged ones among ARNs and their tags: resources without tags are not listed. */
        public static void addIfTagged(List<TaggedResource> into, String arn, Map<String, String> tags) {
            if (arn != null && tags != null && !tags.isEmpty()) {
                into.add(new TaggedResource(arn, tags));
            }
        }
    }
}
