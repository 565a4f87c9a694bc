package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecslabs.simulator.protocol.AwsException;

/** The instance types the simulator launches: vCPUs, memory and architecture, as DescribeInstanceTypes gives them. */
public final class InstanceTypes {
    public record Type(String name, int vcpus, int memoryMiB, String architecture) {
    }

    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        for (Type type : List.of(
                new Type("t3.micro", 2, 1024, "x86_64"),
                new Type("t3.small", 2, 2048, "x86_64"),
                new Type("t3.medium", 2, 4096, "x86_64"),
                new Type("t3.large", 2, 8192, "x86_64"),
                new Type("t3.xlarge", 4, 16384, "x86_64"),
                new Type("m5.large", 2, 8192, "x86_64"),
                new Type("m5.xlarge", 4, 16384, "x86_64"),
                new Type("m5.2xlarge", 8, 32768, "x86_64"),
                new Type("c5.large", 2, 4096, "x86_64"),
                new Type("c5.xlarge", 4, 8192, "x86_64"),
                new Type("r5.large", 2, 16384, "x86_64"),
                new Type("t4g.micro", 2, 1024, "arm64"),
                new Type("t4g.small", 2, 2048, "arm64"),
                new Type("t4g.medium", 2, 4096, "arm64"),
                new Type("m6g.large", 2, 8192, "arm64"))) {
            TYPES.put(type.name(), type);
        }
    }

    private InstanceTypes() {
    }

    public static Optional<Type> find(String name) {
        return Optional.ofNullable(name == null ? null : TYPES.get(name));
    }

    static Type require(String name) {
        return find(name).orElseThrow(() -> new AwsException("InvalidParameterValue",
                "Invalid value '" + name + "' for InstanceType. Supported here: " + String.join(", ", TYPES.keySet()) + "."));
    }

    static JsonNode describe(ObjectNode input) {
        List<String> names = Ec2Input.strings(input.get("InstanceType"));
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (Type type : TYPES.values()) {
            if (!names.isEmpty() && !names.contains(type.name())) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "instance-type", () -> List.of(type.name()),
                    "processor-info.supported-architecture", () -> List.of(type.architecture()),
                    "vcpu-info.default-vcpus", () -> List.of(String.valueOf(type.vcpus())),
                    "memory-info.size-in-mib", () -> List.of(String.valueOf(type.memoryMiB()))))) {
                continue;
            }
            ObjectNode item = items.addObject();
            item.put("instanceType", type.name());
            item.put("currentGeneration", true);
            item.put("freeTierEligible", type.name().equals("t3.micro"));
            item.putArray("supportedUsageClasses").add("on-demand").add("spot");
            item.putArray("supportedRootDeviceTypes").add("ebs");
            item.putArray("supportedVirtualizationTypes").add("hvm");
            item.put("hypervisor", "nitro");
            item.putObject("processorInfo").putArray("supportedArchitectures").add(type.architecture());
            item.putObject("vCpuInfo").put("defaultVCpus", type.vcpus()).put("defaultCores", Math.max(1, type.vcpus() / 2))
                    .put("defaultThreadsPerCore", type.vcpus() > 1 ? 2 : 1);
            item.putObject("memoryInfo").put("sizeInMiB", type.memoryMiB());
            item.put("burstablePerformanceSupported", type.name().startsWith("t"));
        }
        ObjectNode out = Ec2Input.object();
        out.set("instanceTypeSet", items);
        return out;
    }
}
