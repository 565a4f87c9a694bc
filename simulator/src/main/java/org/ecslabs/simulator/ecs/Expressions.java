package org.ecslabs.simulator.ecs;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.ecslabs.simulator.ec2.Images;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * The cluster query language of memberOf constraints, the part students use:
 * {@code attribute:<name> ==|!= value}, {@code attribute:<name> =~|!~ pattern} (a regular expression
 * matched against the whole value, e.g. {@code t3.*}), {@code attribute:<name> in|not_in [a, b]},
 * joined with and/or.
 */
final class Expressions {
    private Expressions() {
    }

    static void check(String expression) {
        if (expression == null || expression.isBlank()) {
            throw AwsException.invalidParameter("A memberOf placement constraint must have an expression.");
        }
        for (String disjunct : expression.split("(?i)\\s+or\\s+")) {
            for (String term : disjunct.split("(?i)\\s+and\\s+")) {
                parse(term.trim());
            }
        }
    }

    static boolean matches(String expression, EcsState.ContainerInstance instance) {
        for (String disjunct : expression.split("(?i)\\s+or\\s+")) {
            boolean all = true;
            for (String term : disjunct.split("(?i)\\s+and\\s+")) {
                Term parsed = parse(term.trim());
                String actual = attribute(instance, parsed.attribute());
                boolean inList = actual != null && (parsed.pattern() != null ? parsed.pattern().matcher(actual).matches()
                        : parsed.values().contains(actual));
                boolean holds = parsed.negated() != inList;
                all &= holds;
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private record Term(String attribute, boolean negated, List<String> values, Pattern pattern) {
        Term(String attribute, boolean negated, List<String> values) {
            this(attribute, negated, values, null);
        }
    }

    private static Term parse(String term) {
        String t = term.startsWith("(") && term.endsWith(")") ? term.substring(1, term.length() - 1).trim() : term;
        String[] parts;
        for (String operator : new String[] {"=~", "!~"}) {
            if ((parts = t.split("\\s*" + operator + "\\s*", 2)).length == 2) {
                try {
                    return new Term(parts[0].trim(), operator.startsWith("!"), List.of(), Pattern.compile(parts[1].trim()));
                } catch (PatternSyntaxException e) {
                    throw AwsException.invalidParameter("Invalid expression in memberOf placement constraint: " + term);
                }
            }
        }
        if ((parts = t.split("\\s*==\\s*", 2)).length == 2) {
            return new Term(parts[0].trim(), false, List.of(parts[1].trim()));
        }
        if ((parts = t.split("\\s*!=\\s*", 2)).length == 2) {
            return new Term(parts[0].trim(), true, List.of(parts[1].trim()));
        }
        if ((parts = t.split("(?i)\\s+not_in\\s+", 2)).length == 2) {
            return new Term(parts[0].trim(), true, list(parts[1], term));
        }
        if ((parts = t.split("(?i)\\s+in\\s+", 2)).length == 2) {
            return new Term(parts[0].trim(), false, list(parts[1], term));
        }
        throw AwsException.invalidParameter("Invalid expression in memberOf placement constraint: " + term);
    }

    private static List<String> list(String text, String term) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            throw AwsException.invalidParameter("Invalid expression in memberOf placement constraint: " + term);
        }
        return Arrays.stream(trimmed.substring(1, trimmed.length() - 1).split(",")).map(String::trim)
                .filter(s -> !s.isEmpty()).toList();
    }

    /** An instance's value for a spread field or an expression's left side. */
    static String attribute(EcsState.ContainerInstance instance, String field) {
        String name = field.startsWith("attribute:") ? field.substring(10) : field;
        return switch (name) {
            case "instanceId", "host", "ec2InstanceId" -> instance.ec2InstanceId;
            case "ecs.availability-zone" -> instance.availabilityZone;
            case "ecs.instance-type" -> instance.instanceType;
            case "ecs.os-type" -> "linux";
            case "ecs.cpu-architecture" -> "x86_64";
            case "ecs.ami-id" -> Images.ECS_AL2023.imageId();
            default -> instance.customAttributes.get(name);
        };
    }
}
