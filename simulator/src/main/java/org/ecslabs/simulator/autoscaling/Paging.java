package org.ecslabs.simulator.autoscaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.function.Consumer;
import org.ecslabs.simulator.protocol.AwsException;

/** MaxResults and NextToken over a list already in answer order; the token is an offset. */
final class Paging {
    private Paging() {
    }

    static <T> void page(JsonNode input, List<T> items, ObjectNode result, Consumer<T> write) {
        Integer max = Json.integer(input, "MaxResults");
        int limit = max == null ? 50 : max;
        if (limit < 1 || limit > 50) {
            throw Json.validation("1 validation error detected: Value '" + limit
                    + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 50");
        }
        int start = 0;
        String token = Json.text(input, "NextToken");
        if (token != null && !token.isEmpty()) {
            try {
                start = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw new AwsException("InvalidNextTokenException", "Invalid token");
            }
        }
        int end = Math.min(items.size(), start + limit);
        for (int i = start; i < end; i++) {
            write.accept(items.get(i));
        }
        if (end < items.size()) {
            result.put("NextToken", String.valueOf(end));
        }
    }
}
