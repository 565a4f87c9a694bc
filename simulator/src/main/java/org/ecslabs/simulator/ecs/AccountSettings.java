package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ecslabs.simulator.protocol.AwsException;

/** Account settings: per principal, account defaults, and ECS's own defaults behind them. */
final class AccountSettings {
    static final Map<String, String> AWS_DEFAULTS = new LinkedHashMap<>();

    static {
        AWS_DEFAULTS.put("serviceLongArnFormat", "enabled");
        AWS_DEFAULTS.put("taskLongArnFormat", "enabled");
        AWS_DEFAULTS.put("containerInstanceLongArnFormat", "enabled");
        AWS_DEFAULTS.put("awsvpcTrunking", "disabled");
        AWS_DEFAULTS.put("containerInsights", "disabled");
        AWS_DEFAULTS.put("fargateFIPSMode", "disabled");
        AWS_DEFAULTS.put("tagResourceAuthorization", "on");
        AWS_DEFAULTS.put("fargateTaskRetirementWaitPeriod", "7");
        AWS_DEFAULTS.put("guardDutyActivate", "off");
        AWS_DEFAULTS.put("defaultLogDriverMode", "blocking");
    }

    private static final String DEFAULT = "default";

    private AccountSettings() {
    }

    private static String root(Ecs ecs) {
        return "arn:aws:iam::" + ecs.sandbox().accountId() + ":root";
    }

    private static String checkedName(JsonNode input) {
        String name = Json.text(input, "name");
        if (name == null || !AWS_DEFAULTS.containsKey(name)) {
            throw AwsException.invalidParameter("1 validation error detected: Value '" + name + "' at 'name' failed to "
                    + "satisfy constraint: Member must satisfy enum value set: " + AWS_DEFAULTS.keySet());
        }
        return name;
    }

    private static String checkedValue(String name, JsonNode input) {
        String value = Json.text(input, "value");
        if (value == null) {
            throw AwsException.invalidParameter("value can not be blank.");
        }
        List<String> allowed = switch (name) {
            case "tagResourceAuthorization", "guardDutyActivate" -> List.of("on", "off");
            case "fargateTaskRetirementWaitPeriod" -> List.of("0", "7", "14");
            case "defaultLogDriverMode" -> List.of("blocking", "non-blocking");
            case "containerInsights" -> List.of("enabled", "disabled", "enhanced");
            default -> List.of("enabled", "disabled");
        };
        if (!allowed.contains(value)) {
            throw AwsException.invalidParameter("Invalid value " + value + " for setting " + name + ". Valid values are "
                    + String.join(", ", allowed) + ".");
        }
        return value;
    }

    static JsonNode put(Ecs ecs, ObjectNode input) {
        String name = checkedName(input);
        String value = checkedValue(name, input);
        String principal = Json.text(input, "principalArn", root(ecs));
        ecs.state().accountSettings.put(principal + "|" + name, value);
        return Json.object().set("setting", setting(name, value, principal));
    }

    static JsonNode putDefault(Ecs ecs, ObjectNode input) {
        String name = checkedName(input);
        String value = checkedValue(name, input);
        ecs.state().accountSettings.put(DEFAULT + "|" + name, value);
        return Json.object().set("setting", setting(name, value, root(ecs)));
    }

    static JsonNode delete(Ecs ecs, ObjectNode input) {
        String name = checkedName(input);
        String principal = Json.text(input, "principalArn", root(ecs));
        String removed = ecs.state().accountSettings.remove(principal + "|" + name);
        if (removed == null) {
            throw AwsException.invalidParameter("The specified setting was not found.");
        }
        return Json.object().set("setting", setting(name, removed, principal));
    }

    static JsonNode list(Ecs ecs, ObjectNode input) {
        String name = Json.text(input, "name");
        String value = Json.text(input, "value");
        String principal = Json.text(input, "principalArn", root(ecs));
        boolean effective = Json.bool(input, "effectiveSettings");
        List<ObjectNode> settings = new ArrayList<>();
        for (String setting : AWS_DEFAULTS.keySet()) {
            if (name != null && !name.equals(setting)) {
                continue;
            }
            String own = ecs.state().accountSettings.get(principal + "|" + setting);
            String accountDefault = ecs.state().accountSettings.get(DEFAULT + "|" + setting);
            String shown = own != null ? own : effective || principal.equals(root(ecs))
                    ? accountDefault != null ? accountDefault : effective ? AWS_DEFAULTS.get(setting) : null
                    : null;
            if (shown == null || value != null && !value.equals(shown)) {
                continue;
            }
            settings.add(setting(setting, shown, own != null ? principal : root(ecs)));
        }
        ObjectNode page = Pages.of(input, settings.stream().map(ObjectNode::toString).toList(), "settings", 100);
        ArrayNode out = Json.array();
        for (JsonNode text : page.get("settings")) {
            try {
                out.add(Json.MAPPER.readTree(text.asText()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        page.set("settings", out);
        return page;
    }

    private static ObjectNode setting(String name, String value, String principal) {
        return Json.object().put("name", name).put("value", value).put("principalArn", principal).put("type", "user");
    }
}
