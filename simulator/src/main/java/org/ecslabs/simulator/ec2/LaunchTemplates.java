package org.ecslabs.simulator.ec2;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.protocol.AwsException;

/** Launch templates and their versions; RunInstances and Auto Scaling groups launch from them. */
public final class LaunchTemplates {
    private LaunchTemplates() {
    }

    static JsonNode create(Sandbox sandbox, Ec2State state, ObjectNode input) {
        String name = Ec2Input.required(input, "LaunchTemplateName");
        if (!name.matches("[a-zA-Z0-9().\\-/_]{3,128}")) {
            throw new AwsException("InvalidLaunchTemplateName.MalformedException",
                    "A launch template name must be between 3 and 128 characters, and may contain letters, numbers, and the following characters: - ( ) . / _.'");
        }
        if (state.launchTemplates.values().stream().anyMatch(t -> t.launchTemplateName.equals(name))) {
            throw new AwsException("InvalidLaunchTemplateName.AlreadyExistsException", "Launch template name already in use.");
        }
        JsonNode data = input.get("LaunchTemplateData");
        if (data == null || !data.isObject()) {
            throw new AwsException("MissingParameter", "The request must contain the parameter LaunchTemplateData");
        }
        validate(state, data);
        Ec2State.LaunchTemplate template = new Ec2State.LaunchTemplate();
        template.launchTemplateId = Ec2Network.newResourceId(sandbox, "lt");
        template.launchTemplateName = name;
        template.createdAt = sandbox.now().getEpochSecond();
        addVersion(sandbox, template, data, Ec2Input.text(input, "VersionDescription"));
        state.launchTemplates.put(template.launchTemplateId, template);
        Tags.fromSpecifications(state, input, "launch-template", template.launchTemplateId);
        ObjectNode out = Ec2Input.object();
        out.set("launchTemplate", json(sandbox, state, template));
        return out;
    }

    private static void validate(Ec2State state, JsonNode data) {
        String imageId = Ec2Input.text(data, "ImageId");
        if (imageId != null && !imageId.startsWith("resolve:ssm:")) {
            Images.require(imageId);
        }
        String type = Ec2Input.text(data, "InstanceType");
        if (type != null) {
            InstanceTypes.require(type);
        }
        for (String groupId : Ec2Input.strings(data.get("SecurityGroupId"))) {
            if (!state.securityGroups.containsKey(groupId)) {
                throw new AwsException("InvalidGroupId.NotFound", "The security group '" + groupId + "' does not exist");
            }
        }
    }

    private static Ec2State.LaunchTemplateVersion addVersion(Sandbox sandbox, Ec2State.LaunchTemplate template,
                                                             JsonNode data, String description) {
        Ec2State.LaunchTemplateVersion version = new Ec2State.LaunchTemplateVersion();
        version.versionNumber = template.versions.isEmpty() ? 1 : template.latestVersion() + 1;
        version.versionDescription = description;
        version.createdAt = sandbox.now().getEpochSecond();
        version.data = data.deepCopy();
        template.versions.add(version);
        return version;
    }

    static JsonNode createVersion(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.LaunchTemplate template = find(state, input);
        JsonNode data = input.get("LaunchTemplateData");
        if (data == null || !data.isObject()) {
            throw new AwsException("MissingParameter", "The request must contain the parameter LaunchTemplateData");
        }
        validate(state, data);
        String source = Ec2Input.text(input, "SourceVersion");
        JsonNode merged = data;
        if (source != null) {
            ObjectNode base = version(template, source).data.deepCopy();
            data.fields().forEachRemaining(field -> base.set(field.getKey(), field.getValue()));
            merged = base;
        }
        Ec2State.LaunchTemplateVersion version = addVersion(sandbox, template, merged, Ec2Input.text(input, "VersionDescription"));
        ObjectNode out = Ec2Input.object();
        out.set("launchTemplateVersion", versionJson(sandbox, template, version));
        return out;
    }

    static JsonNode modify(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.LaunchTemplate template = find(state, input);
        String wanted = Ec2Input.text(input, "SetDefaultVersion");
        if (wanted != null) {
            template.defaultVersion = version(template, wanted).versionNumber;
        }
        ObjectNode out = Ec2Input.object();
        out.set("launchTemplate", json(sandbox, state, template));
        return out;
    }

    static JsonNode delete(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.LaunchTemplate template = find(state, input);
        ObjectNode out = Ec2Input.object();
        out.set("launchTemplate", json(sandbox, state, template));
        state.launchTemplates.remove(template.launchTemplateId);
        state.tags.remove(template.launchTemplateId);
        return out;
    }

    static JsonNode describe(Sandbox sandbox, Ec2State state, ObjectNode input) {
        List<String> ids = Ec2Input.strings(input.get("LaunchTemplateId"));
        List<String> names = Ec2Input.strings(input.get("LaunchTemplateName"));
        ids.forEach(id -> byId(state, id));
        names.forEach(name -> byName(state, name));
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        for (Ec2State.LaunchTemplate template : state.launchTemplates.values()) {
            if (!ids.isEmpty() && !ids.contains(template.launchTemplateId)
                    || !names.isEmpty() && !names.contains(template.launchTemplateName)) {
                continue;
            }
            if (!Ec2Input.matches(input, Map.of(
                    "launch-template-name", () -> List.of(template.launchTemplateName)))
                    || !Ec2Input.tagsMatch(input, Tags.of(state, template.launchTemplateId))) {
                continue;
            }
            items.add(json(sandbox, state, template));
        }
        ObjectNode out = Ec2Input.object();
        out.set("launchTemplates", items);
        return out;
    }

    static JsonNode describeVersions(Sandbox sandbox, Ec2State state, ObjectNode input) {
        Ec2State.LaunchTemplate template = find(state, input);
        List<String> wanted = Ec2Input.strings(input.get("LaunchTemplateVersion"));
        ArrayNode items = Ec2Input.MAPPER.createArrayNode();
        if (wanted.isEmpty()) {
            for (int i = template.versions.size() - 1; i >= 0; i--) {
                items.add(versionJson(sandbox, template, template.versions.get(i)));
            }
        } else {
            for (String reference : wanted) {
                items.add(versionJson(sandbox, template, version(template, reference)));
            }
        }
        ObjectNode out = Ec2Input.object();
        out.set("launchTemplateVersionSet", items);
        return out;
    }

    /** The launch template a request names by LaunchTemplateId or LaunchTemplateName. */
    static Ec2State.LaunchTemplate find(Ec2State state, JsonNode input) {
        String id = Ec2Input.text(input, "LaunchTemplateId");
        String name = Ec2Input.text(input, "LaunchTemplateName");
        if (id != null) {
            return byId(state, id);
        }
        if (name != null) {
            return byName(state, name);
        }
        throw new AwsException("MissingParameter", "The request must contain the parameter LaunchTemplateName or LaunchTemplateId");
    }

    private static Ec2State.LaunchTemplate byId(Ec2State state, String id) {
        Ec2State.LaunchTemplate template = state.launchTemplates.get(id);
        if (template == null) {
            throw new AwsException("InvalidLaunchTemplateId.NotFound",
                    "The specified launch template, with template ID " + id + ", does not exist.");
        }
        return template;
    }

    private static Ec2State.LaunchTemplate byName(Ec2State state, String name) {
        return state.launchTemplates.values().stream().filter(t -> t.launchTemplateName.equals(name)).findFirst()
                .orElseThrow(() -> new AwsException("InvalidLaunchTemplateName.NotFoundException",
                        "The specified launch template, with template name " + name + ", does not exist."));
    }

    /** A version by number, $Latest or $Default (null means $Default). */
    static Ec2State.LaunchTemplateVersion version(Ec2State.LaunchTemplate template, String reference) {
        long number;
        if (reference == null || reference.equals("$Default")) {
            number = template.defaultVersion;
        } else if (reference.equals("$Latest")) {
            number = template.latestVersion();
        } else {
            try {
                number = Long.parseLong(reference);
            } catch (NumberFormatException e) {
                throw new AwsException("InvalidLaunchTemplateId.VersionNotFound", "Could not find launch template version "
                        + reference + " for launch template ID " + template.launchTemplateId);
            }
        }
        return template.versions.stream().filter(v -> v.versionNumber == number).findFirst()
                .orElseThrow(() -> new AwsException("InvalidLaunchTemplateId.VersionNotFound",
                        "Could not find launch template version " + reference + " for launch template ID " + template.launchTemplateId));
    }

    /** The launch template a launch (RunInstances, an Auto Scaling group) refers to, resolved to one version. */
    public static JsonNode resolveData(Ec2State state, String id, String name, String version) {
        ObjectNode spec = Ec2Input.object();
        if (id != null) {
            spec.put("LaunchTemplateId", id);
        }
        if (name != null) {
            spec.put("LaunchTemplateName", name);
        }
        return version(find(state, spec), version).data;
    }

    private static ObjectNode json(Sandbox sandbox, Ec2State state, Ec2State.LaunchTemplate template) {
        ObjectNode item = Ec2Input.object();
        item.put("launchTemplateId", template.launchTemplateId);
        item.put("launchTemplateName", template.launchTemplateName);
        item.put("createTime", Ec2Input.iso(template.createdAt));
        item.put("createdBy", "arn:aws:iam::" + sandbox.accountId() + ":root");
        item.put("defaultVersionNumber", template.defaultVersion);
        item.put("latestVersionNumber", template.latestVersion());
        Tags.addTagSet(item, state, template.launchTemplateId);
        return item;
    }

    private static ObjectNode versionJson(Sandbox sandbox, Ec2State.LaunchTemplate template, Ec2State.LaunchTemplateVersion version) {
        ObjectNode item = Ec2Input.object();
        item.put("launchTemplateId", template.launchTemplateId);
        item.put("launchTemplateName", template.launchTemplateName);
        item.put("versionNumber", version.versionNumber);
        if (version.versionDescription != null) {
            item.put("versionDescription", version.versionDescription);
        }
        item.put("createTime", Ec2Input.iso(version.createdAt));
        item.put("createdBy", "arn:aws:iam::" + sandbox.accountId() + ":root");
        item.put("defaultVersion", version.versionNumber == template.defaultVersion);
        item.set("launchTemplateData", outputNames(version.data));
        return item;
    }

    /** The request's member names (SecurityGroupId.N, TagSpecification.N.Tag.N) as the response spells them. */
    private static JsonNode outputNames(JsonNode node) {
        if (node.isArray()) {
            ArrayNode items = Ec2Input.MAPPER.createArrayNode();
            node.forEach(item -> items.add(outputNames(item)));
            return items;
        }
        if (!node.isObject()) {
            return node;
        }
        ObjectNode out = Ec2Input.object();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = switch (field.getKey()) {
                case "SecurityGroupId" -> node.has("DeviceIndex") || node.has("SubnetId") ? "groupSet" : "securityGroupIdSet";
                case "SecurityGroup" -> "securityGroupSet";
                case "TagSpecification" -> "tagSpecificationSet";
                case "NetworkInterface" -> "networkInterfaceSet";
                case "BlockDeviceMapping" -> "blockDeviceMappingSet";
                case "Tag" -> "tagSet";
                default -> Character.toLowerCase(field.getKey().charAt(0)) + field.getKey().substring(1);
            };
            JsonNode value = field.getValue();
            boolean listName = name.endsWith("Set") && !value.isArray();
            out.set(name, listName ? Ec2Input.MAPPER.createArrayNode().add(outputNames(value)) : outputNames(value));
        }
        return out;
    }
}
