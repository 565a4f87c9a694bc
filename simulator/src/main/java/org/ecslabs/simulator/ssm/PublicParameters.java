package org.ecslabs.simulator.ssm;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecslabs.simulator.ec2.Images;
import org.ecslabs.simulator.engine.Sandbox;

/**
 * The public parameters AWS publishes under /aws/service/ that ECS labs read: the recommended
 * ECS-optimized Amazon Linux 2023 AMI (x86_64 and arm64, its image_id and the JSON document) and
 * the latest Amazon Linux 2023 AMI. Every account reads them; nobody can write them.
 */
final class PublicParameters {
    /** When the simulated images were published: 2025-11-20, in epoch seconds. */
    private static final double PUBLISHED = 1763596800.0;
    private static final Map<String, String[]> VALUES = new LinkedHashMap<>();

    static {
        for (Images.Image image : Images.ALL) {
            VALUES.put(image.ssmParameter(), new String[] {image.imageId(), "aws:ec2:image"});
            if (image.ecsOptimized()) {
                String document = image.ssmParameter().substring(0, image.ssmParameter().length() - "/image_id".length());
                VALUES.put(document, new String[] {"{\"ecs_agent_version\":\"1.99.0\",\"ecs_runtime_version\":\"Docker version 25.0.8\","
                        + "\"image_id\":\"" + image.imageId() + "\",\"image_name\":\"" + image.name() + "\","
                        + "\"os\":\"Amazon Linux 2023\",\"schema_version\":1,\"source_image_name\":\"" + image.name() + "\"}", "text"});
            }
        }
    }

    private PublicParameters() {
    }

    /** GetParameter's node for a public parameter, or null when the name is not one. */
    static ObjectNode node(Sandbox sandbox, String name) {
        String[] value = VALUES.get(name);
        if (value == null) {
            return null;
        }
        return JsonNodeFactory.instance.objectNode()
                .put("Name", name)
                .put("Type", "String")
                .put("Value", value[0])
                .put("Version", 1)
                .put("LastModifiedDate", PUBLISHED)
                .put("ARN", "arn:aws:ssm:" + sandbox.region() + "::parameter" + name)
                .put("DataType", value[1]);
    }

    static Iterable<String> names() {
        return VALUES.keySet();
    }
}
