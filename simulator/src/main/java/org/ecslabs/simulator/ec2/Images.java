package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * The public images a student launches ECS capacity from: the ECS-optimized Amazon Linux 2023 AMIs
 * (x86_64 and arm64) and plain Amazon Linux 2023. The same ids in every region keep labs repeatable.
 */
public final class Images {
    /** Amazon's owner id for its public images. */
    static final String AMAZON_OWNER = "591542846629";

    public record Image(String imageId, String name, String description, String architecture, boolean ecsOptimized,
                        String ssmParameter) {
    }

    public static final Image ECS_AL2023 = new Image("ami-0ec5a2023e0c50001",
            "al2023-ami-ecs-hvm-2023.0.20251120-kernel-6.1-x86_64",
            "Amazon Linux AMI 2023.0.20251120 x86_64 ECS HVM EBS", "x86_64", true,
            "/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id");
    public static final Image ECS_AL2023_ARM64 = new Image("ami-0ec5a2023e0c50002",
            "al2023-ami-ecs-hvm-2023.0.20251120-kernel-6.1-arm64",
            "Amazon Linux AMI 2023.0.20251120 arm64 ECS HVM EBS", "arm64", true,
            "/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id");
    public static final Image AL2023 = new Image("ami-0a12023e0c5000003",
            "al2023-ami-2023.9.20251120.0-kernel-6.1-x86_64",
            "Amazon Linux 2023 AMI 2023.9.20251120.0 x86_64 HVM kernel-6.1", "x86_64", false,
            "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64");
    public static final List<Image> ALL = List.of(ECS_AL2023, ECS_AL2023_ARM64, AL2023);

    private Images() {
    }

    public static Optional<Image> find(String imageId) {
        return ALL.stream().filter(image -> image.imageId().equals(imageId)).findFirst();
    }

    /** The image of a public SSM parameter name, e.g. the ECS-optimized AMI's recommended image_id. */
    public static Optional<Image> bySsmParameter(String name) {
        return ALL.stream().filter(image -> image.ssmParameter().equals(name)).findFirst();
    }

    static Image require(String imageId) {
        if (imageId == null) {
            throw new AwsException("MissingParameter", "The request must contain the parameter ImageId");
        }
        if (!imageId.matches("ami-[0-9a-f]{8,17}")) {
            throw new AwsException("InvalidAMIID.Malformed", "Invalid id: \"" + imageId + "\" (expecting \"ami-...\")");
        }
        return find(imageId).orElseThrow(() -> new AwsException("InvalidAMIID.NotFound",
                "The image id '[" + imageId + "]' does not exist"));
    }

    static JsonNode describe(ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("ImageId"));
        List<String> owners = Ec2Input.strings(input.get("Owner"));
        for (String id : ids) {
            require(id);
        }
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (Image image : ALL) {
            if (!ids.isEmpty() && !ids.contains(image.imageId())) {
                continue;
            }
            if (!owners.isEmpty() && !owners.contains("amazon") && !owners.contains(AMAZON_OWNER)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "image-id", () -> List.of(image.imageId()),
                    "name", () -> List.of(image.name()),
                    "architecture", () -> List.of(image.architecture()),
                    "owner-alias", () -> List.of("amazon"),
                    "owner-id", () -> List.of(AMAZON_OWNER),
                    "state", () -> List.of("available"),
                    "is-public", () -> List.of("true"),
                    "root-device-type", () -> List.of("ebs"),
                    "virtualization-type", () -> List.of("hvm")))) {
                continue;
            }
            ObjectNode item = items.addObject();
            item.put("imageId", image.imageId());
            item.put("imageLocation", "amazon/" + image.name());
            item.put("imageState", "available");
            item.put("imageOwnerId", AMAZON_OWNER);
            item.put("creationDate", "2025-11-20T00:00:00.000Z");
            item.put("isPublic", true);
            item.put("architecture", image.architecture());
            item.put("imageType", "machine");
            item.put("platformDetails", "Linux/UNIX");
            item.put("usageOperation", "RunInstances");
            item.put("imageOwnerAlias", "amazon");
            item.put("name", image.name());
            item.put("description", image.description());
            item.put("rootDeviceType", "ebs");
            item.put("rootDeviceName", "/dev/xvda");
            item.put("virtualizationType", "hvm");
            item.put("hypervisor", "xen");
            item.put("enaSupport", true);
            item.put("sriovNetSupport", "simple");
            item.put("bootMode", "uefi-preferred");
            item.put("imdsSupport", "v2.0");
            ObjectNode device = item.putArray("blockDeviceMapping").addObject();
            device.put("deviceName", "/dev/xvda");
            device.putObject("ebs").put("deleteOnTermination", true).put("volumeSize", 30).put("volumeType", "gp3")
                    .put("encrypted", false).put("snapshotId", "snap-" + image.imageId().substring(4));
        }
        ObjectNode out = Ec2Input.object();
        out.set("imagesSet", items);
        return out;
    }
}
