package org.ecslabs.simulator.ecs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.ecslabs.simulator.protocol.AwsException;

/** ECS list pagination: maxResults and an opaque nextToken holding the offset. */
final class Pages {
    private Pages() {
    }

    static ObjectNode of(JsonNode input, List<String> items, String field, int defaultMax) {
        Integer max = Json.integer(input, "maxResults");
        if (max != null && (max < 1 || max > 100)) {
            throw AwsException.invalidParameter("maxResults must be between 1 and 100.");
        }
        int pageSize = max == null ? defaultMax : max;
        int start = 0;
        String token = Json.text(input, "nextToken");
        if (token != null && !token.isEmpty()) {
            try {
                start = Integer.parseInt(new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw AwsException.invalidParameter("Invalid nextToken.");
            }
        }
        int end = Math.min(items.size(), start + pageSize);
        ObjectNode out = Json.object();
        out.set(field, Json.stringArray(items.subList(Math.min(start, items.size()), end)));
        if (end < items.size()) {
            out.put("nextToken", Base64.getEncoder().encodeToString(String.valueOf(end).getBytes(StandardCharsets.UTF_8)));
        }
        return out;
    }
}
