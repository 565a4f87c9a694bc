package org.ecslabs.app.lab;

import com.fasterxml.jackson.databind.JsonNode;
import io.burt.jmespath.Expression;
import io.burt.jmespath.JmesPathException;
import java.util.List;
import org.ecslabs.app.cli.JmesPath;
import org.ecslabs.app.cli.OperationException;
import org.ecslabs.app.cli.OperationInvoker;

/**
 * Runs checks: one AWS call each through the {@link OperationInvoker}, then the check's JMESPath
 * expression over the response. A failing check says what it expected and what it found.
 * Thread-safe: the JMESPath runtime ({@link JmesPath}) is immutable and the invoker thread-safe.
 */
public final class CheckEngine {

    private static final int EXCERPT_LENGTH = 160;

    private final OperationInvoker invoker;

    public CheckEngine(OperationInvoker invoker) {
        this.invoker = invoker;
    }

    /** Compiles a JMESPath expression; throws {@link JmesPathException} with the problem when it is invalid. */
    public static Expression<JsonNode> compile(String expression) {
        return JmesPath.compile(expression);
    }

    public List<CheckResult> run(List<Check> checks) {
        return checks.stream().map(this::run).toList();
    }

    /** Runs one check; an AWS error fails the check with AWS's message rather than throwing. */
    public CheckResult run(Check check) {
        JsonNode response;
        try {
            response = invoker.invoke(check.service(), check.operation(), check.input());
        } catch (OperationException e) {
            return CheckResult.fail(check, e.getMessage());
        }
        return evaluate(check, response);
    }

    /** Evaluates a check's expression over a response already fetched. */
    public static CheckResult evaluate(Check check, JsonNode response) {
        // Compiling is cheap next to the AWS call, so expressions are not cached.
        JsonNode result;
        try {
            result = compile(check.expect()).search(response);
        } catch (JmesPathException e) {
            return CheckResult.fail(check, "the expectation could not be evaluated: " + e.getMessage());
        }
        if (JmesPath.isTruthy(result)) {
            return CheckResult.pass(check);
        }
        return CheckResult.fail(check, explain(check.expect(), result, response));
    }

    /**
     * For a single top-level comparison {@code A == B}: {@code <A's name>: expected <B>, found <A>}.
     * Otherwise a short excerpt of what the expression gave.
     */
    static String explain(String expect, JsonNode result, JsonNode response) {
        List<String> conjuncts = Comparison.conjuncts(expect);
        if (conjuncts.size() > 1) {
            // Explain the first part of "a && b" that is false: that is what the learner must fix.
            for (String part : conjuncts) {
                try {
                    JsonNode value = compile(part).search(response);
                    if (!JmesPath.isTruthy(value)) {
                        return explain(part, value, response);
                    }
                } catch (JmesPathException e) {
                    break;
                }
            }
        }
        Comparison comparison = Comparison.split(expect);
        if (comparison != null) {
            try {
                JsonNode found = compile(comparison.left()).search(response);
                JsonNode expected = compile(comparison.right()).search(response);
                String operator = comparison.operator().equals("==") ? "" : comparison.operator() + " ";
                return comparison.label() + ": expected " + operator + excerpt(expected) + ", found " + excerpt(found);
            } catch (JmesPathException e) {
                // One side alone is not an expression (an odd pipe): fall back to the plain excerpt.
            }
        }
        return "found " + excerpt(result);
    }

    static String excerpt(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "nothing";
        }
        String text = value.toString();
        return text.length() > EXCERPT_LENGTH ? text.substring(0, EXCERPT_LENGTH - 3) + "..." : text;
    }
}
