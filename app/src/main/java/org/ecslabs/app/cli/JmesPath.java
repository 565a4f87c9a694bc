package org.ecslabs.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
import io.burt.jmespath.RuntimeConfiguration;
import io.burt.jmespath.jackson.JacksonRuntime;

/**
 * The JMESPath dialect shared by {@code --query} and the labs' checks. Thread-safe: the runtime is
 * immutable.
 */
public final class JmesPath {

    // Silent type errors: ends_with(null, ':2') on a resource that does not exist yet is simply
    // false, so a check fails with "found nothing" instead of an evaluation error.
    private static final JacksonRuntime RUNTIME = new JacksonRuntime(
            RuntimeConfiguration.builder().withSilentTypeErrors(true).build());

    private JmesPath() {
    }

    /** Compiles an expression; throws {@link JmesPathException} with the problem when it is invalid. */
    public static Expression<JsonNode> compile(String expression) {
        return RUNTIME.compile(expression);
    }

    /** JMESPath's truth: false for null, false, empty strings, lists and objects. */
    public static boolean isTruthy(JsonNode value) {
        return RUNTIME.isTruthy(value);
    }
}
