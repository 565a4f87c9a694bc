package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.ecslabs.simulator.protocol.AwsException;

/** Custom attributes on container instances (what memberOf expressions and ListAttributes see). */
final class Attributes {
    private Attributes() {
    }

    static JsonNode put(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        List<JsonNode> attributes = Json.list(input, "attributes");
        if (attributes.isEmpty()) {
            throw AwsException.invalidParameter("attributes can not be empty.");
        }
        if (attributes.size() > 10) {
            throw new AwsException("AttributeLimitExceededException",
                    "You can apply up to 10 custom attributes for each resource.");
        }
        List<EcsState.ContainerInstance> targets = new ArrayList<>();
        for (JsonNode attribute : attributes) {
            targets.add(target(ecs, cluster, attribute));
            String name = Json.text(attribute, "name");
            if (name == null || !name.matches("[a-zA-Z0-9_.\\-/]{1,128}")) {
                throw AwsException.invalidParameter("Invalid attribute name " + name + ".");
            }
        }
        for (int i = 0; i < attributes.size(); i++) {
            targets.get(i).customAttributes.put(Json.text(attributes.get(i), "name"), Json.text(attributes.get(i), "value"));
        }
        return Json.object().set("attributes", echo(attributes, targets));
    }

    static JsonNode delete(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        List<JsonNode> attributes = Json.list(input, "attributes");
        List<EcsState.ContainerInstance> targets = new ArrayList<>();
        for (JsonNode attribute : attributes) {
            targets.add(target(ecs, cluster, attribute));
        }
        for (int i = 0; i < attributes.size(); i++) {
            targets.get(i).customAttributes.remove(Json.text(attributes.get(i), "name"));
        }
        return Json.object().set("attributes", echo(attributes, targets));
    }

    static JsonNode list(Ecs ecs, ObjectNode input) {
        EcsState.Cluster cluster = ecs.cluster(input);
        String targetType = Json.text(input, "targetType");
        if (!"container-instance".equals(targetType)) {
            throw AwsException.invalidParameter("targetType must be container-instance.");
        }
        String name = Json.text(input, "attributeName");
        String value = Json.text(input, "attributeValue");
        if (value != null && name == null) {
            throw AwsException.invalidParameter("attributeName must be specified with attributeValue.");
        }
        List<String> rows = new ArrayList<>();
        for (EcsState.ContainerInstance instance : ecs.state().containerInstances.values()) {
            if (!instance.clusterArn.equals(cluster.clusterArn) || "INACTIVE".equals(instance.status)) {
                continue;
            }
            for (JsonNode attribute : ContainerInstances.attributes(instance)) {
                ObjectNode row = ((ObjectNode) attribute.deepCopy()).put("targetType", targetType)
                        .put("targetId", instance.containerInstanceArn);
                if ((name == null || name.equals(Json.text(row, "name")))
                        && (value == null || value.equals(Json.text(row, "value")))) {
                    rows.add(row.toString());
                }
            }
        }
        ObjectNode page = Pages.of(input, rows, "attributes", 100);
        ArrayNode parsed = Json.array();
        for (JsonNode row : page.get("attributes")) {
            try {
                parsed.add(Json.MAPPER.readTree(row.asText()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        page.set("attributes", parsed);
        return page;
    }

    private static EcsState.ContainerInstance target(Ecs ecs, EcsState.Cluster cluster, JsonNode attribute) {
        String targetType = Json.text(attribute, "targetType", "container-instance");
        String targetId = Json.text(attribute, "targetId");
        if (!"container-instance".equals(targetType) || targetId == null) {
            throw AwsException.invalidParameter("Attributes can only be put on container instances: targetId is required.");
        }
        EcsState.ContainerInstance instance = ecs.state().containerInstances.get(ecs.containerInstanceArn(cluster, targetId));
        if (instance == null) {
            throw new AwsException("TargetNotFoundException", "Could not find " + targetId + ".");
        }
        return instance;
    }

    private static ArrayNode echo(List<JsonNode> attributes, List<EcsState.ContainerInstance> targets) {
        ArrayNode out = Json.array();
        for (int i = 0; i < attributes.size(); i++) {
            ObjectNode row = out.addObject().put("name", Json.text(attributes.get(i), "name"));
            String value = Json.text(attributes.get(i), "value");
            if (value != null) {
                row.put("value", value);
            }
            row.put("targetType", "container-instance").put("targetId", targets.get(i).containerInstanceArn);
        }
        return out;
    }
}
