package org.ecslabs.simulator.elbv2;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** ELBv2's Marker/PageSize paging: the marker is the index of the next item. */
final class Paging {
    private static final int MAX_PAGE = 400;

    private Paging() {
    }

    static <T> List<T> page(List<T> items, ObjectNode input, ObjectNode output) {
        Integer pageSize = QueryInput.integer(input, "PageSize");
        int size = pageSize == null ? MAX_PAGE : pageSize;
        if (size < 1 || size > MAX_PAGE) {
            throw Elbv2Errors.validation("Page size must be between 1 and 400");
        }
        int from = 0;
        String marker = QueryInput.text(input, "Marker");
        if (marker != null && !marker.isEmpty()) {
            try {
                from = Integer.parseInt(marker);
            } catch (NumberFormatException e) {
                throw Elbv2Errors.validation("Invalid marker '" + marker + "'");
            }
        }
        from = Math.max(0, Math.min(from, items.size()));
        int to = Math.min(items.size(), from + size);
        if (to < items.size()) {
            output.put("NextMarker", String.valueOf(to));
        }
        return items.subList(from, to);
    }
}
