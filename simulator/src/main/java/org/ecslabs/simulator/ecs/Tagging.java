package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.ecslabs.simulator.protocol.AwsException;

/** TagResource, UntagResource and ListTagsForResource on every taggable ECS resource. */
final class Tagging {
    private Tagging() {
    }

    static JsonNode tag(Ecs ecs, ObjectNode input) {
        String arn = existing(ecs, Json.text(input, "resourceArn"));
        if (Json.list(input, "tags").isEmpty()) {
            throw AwsException.invalidParameter("tags can not be empty.");
        }
        ecs.putTags(arn, input.get("tags"));
        return Json.object();
    }

    static JsonNode untag(Ecs ecs, ObjectNode input) {
        String arn = existing(ecs, Json.text(input, "resourceArn"));
        Map<String, String> tags = ecs.state().tags.get(arn);
        if (tags != null) {
            Json.strings(input, "tagKeys").forEach(tags::remove);
        }
        return Json.object();
    }

    static JsonNode list(Ecs ecs, ObjectNode input) {
        String arn = existing(ecs, Json.text(input, "resourceArn"));
        return Json.object().set("tags", ecs.tagsJson(arn));
    }

    private static String existing(Ecs ecs, String arn) {
        if (arn == null) {
            throw AwsException.invalidParameter("resourceArn can not be blank.");
        }
        EcsState state = ecs.state();
        boolean found;
        if (arn.contains(":cluster/")) {
            EcsState.Cluster cluster = state.clusters.get(Json.lastSegment(arn));
            if (cluster == null || !"ACTIVE".equals(cluster.status)) {
                throw new AwsException("ClusterNotFoundException", "Cluster not found.");
            }
            found = true;
        } else if (arn.contains(":task-definition/")) {
            found = state.taskDefinitions.containsKey(Json.lastSegment(arn));
        } else if (arn.contains(":capacity-provider/")) {
            found = state.capacityProviders.containsKey(Json.lastSegment(arn));
        } else if (arn.contains(":task-set/")) {
            found = ecs.sandbox().state(TaskSetState.class).taskSets.values().stream()
                    .anyMatch(taskSets -> taskSets.stream().anyMatch(taskSet -> taskSet.taskSetArn.equals(arn)));
        } else {
            found = state.services.containsKey(arn) || state.tasks.containsKey(arn)
                    || state.containerInstances.containsKey(arn);
        }
        if (!found) {
            throw AwsException.invalidParameter("The specified resource is not found.");
        }
        return arn;
    }
}
