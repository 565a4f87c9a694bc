package org.ecslabs.simulator.ssm;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Predicate;

/** DescribeParameters' two filter styles: the legacy Filters and ParameterFilters with options. */
final class ParameterFilters {
    private ParameterFilters() {
    }

    static boolean matches(ParameterState.Parameter parameter, JsonNode input) {
        for (JsonNode filter : input.path("Filters")) {
            if (!anyValue(filter, value -> field(parameter, filter.path("Key").asText()).equals(value)
                    || (filter.path("Key").asText().equals("Name") && parameter.name.startsWith(value)))) {
                return false;
            }
        }
        for (JsonNode filter : input.path("ParameterFilters")) {
            String key = filter.path("Key").asText();
            String option = filter.path("Option").asText(key.equals("Path") ? "OneLevel" : "Equals");
            boolean ok = switch (key) {
                case "Path" -> anyValue(filter, value -> inPath(parameter.name, value, option.equals("Recursive")));
                case "Name" -> anyValue(filter, value -> switch (option) {
                    case "BeginsWith" -> parameter.name.startsWith(value);
                    case "Contains" -> parameter.name.contains(value);
                    default -> parameter.name.equals(value);
                });
                default -> anyValue(filter, value -> field(parameter, key).equals(value));
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean inPath(String name, String path, boolean recursive) {
        String full = name.startsWith("/") ? name : "/" + name;
        String prefix = path.endsWith("/") ? path : path + "/";
        return full.startsWith(prefix) && (recursive || !full.substring(prefix.length()).contains("/"));
    }

    private static String field(ParameterState.Parameter parameter, String key) {
        return switch (key) {
            case "Type" -> parameter.type;
            case "KeyId" -> String.valueOf(parameter.keyId);
            case "Tier" -> parameter.tier;
            case "DataType" -> parameter.dataType;
            default -> parameter.name;
        };
    }

    private static boolean anyValue(JsonNode filter, Predicate<String> test) {
        for (JsonNode value : filter.path("Values")) {
            if (test.test(value.asText())) {
                return true;
            }
        }
        return false;
    }
}
