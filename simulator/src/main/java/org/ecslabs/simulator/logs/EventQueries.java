package org.ecslabs.simulator.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.ecslabs.simulator.protocol.AwsException;

/** GetLogEvents with forward and backward tokens, and FilterLogEvents across streams. */
final class EventQueries {
    private static final int DEFAULT_LIMIT = 10_000;

    private EventQueries() {
    }

    /**
     * Tokens are positions in the stream's events within the time window: {@code f/<n>} reads
     * forward from n, {@code b/<n>} reads backward from n. At the end the same token comes back,
     * which is how the CLI and SDK paginators know to stop.
     */
    static JsonNode getLogEvents(LogsState.LogStream stream, ObjectNode input) {
        List<LogsState.Event> events = inWindow(stream.events, input);
        int limit = Math.max(1, Math.min(input.path("limit").asInt(DEFAULT_LIMIT), DEFAULT_LIMIT));
        int from;
        int to;
        String token = input.path("nextToken").asText(null);
        if (token == null) {
            if (input.path("startFromHead").asBoolean(false)) {
                from = 0;
                to = Math.min(limit, events.size());
            } else {
                to = events.size();
                from = Math.max(0, to - limit);
            }
        } else {
            int position = position(token, events.size());
            if (token.startsWith("f/")) {
                from = position;
                to = Math.min(events.size(), position + limit);
            } else {
                to = position;
                from = Math.max(0, position - limit);
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("events");
        for (LogsState.Event event : events.subList(from, to)) {
            list.addObject().put("timestamp", event.timestamp).put("message", event.message).put("ingestionTime", event.ingestionTime);
        }
        result.put("nextForwardToken", String.format("f/%056d", to));
        result.put("nextBackwardToken", String.format("b/%056d", from));
        return result;
    }

    static JsonNode filterLogEvents(LogsState.LogGroup group, ObjectNode input) {
        Set<String> names = new HashSet<>();
        input.path("logStreamNames").forEach(name -> names.add(name.asText()));
        String prefix = input.path("logStreamNamePrefix").asText("");
        if (!names.isEmpty() && !prefix.isEmpty()) {
            throw new AwsException("InvalidParameterException",
                    "logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
        }
        FilterPattern pattern = FilterPattern.parse(input.path("filterPattern").asText(""));
        record Hit(String stream, LogsState.Event event) {
        }
        List<Hit> hits = new ArrayList<>();
        ArrayNode searched = JsonNodeFactory.instance.arrayNode();
        for (LogsState.LogStream stream : group.streams.values()) {
            if ((!names.isEmpty() && !names.contains(stream.name)) || !stream.name.startsWith(prefix)) {
                continue;
            }
            searched.addObject().put("logStreamName", stream.name).put("searchedCompletely", true);
            for (LogsState.Event event : inWindow(stream.events, input)) {
                if (pattern.matches(event.message)) {
                    hits.add(new Hit(stream.name, event));
                }
            }
        }
        hits.sort(Comparator.comparingLong((Hit h) -> h.event().timestamp).thenComparingLong(h -> h.event().id));
        int limit = Math.max(1, Math.min(input.path("limit").asInt(DEFAULT_LIMIT), DEFAULT_LIMIT));
        int from = input.hasNonNull("nextToken") ? position(input.path("nextToken").asText(), hits.size()) : 0;
        int to = Math.min(hits.size(), from + limit);
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("events");
        for (Hit hit : hits.subList(from, to)) {
            list.addObject()
                    .put("logStreamName", hit.stream())
                    .put("timestamp", hit.event().timestamp)
                    .put("message", hit.event().message)
                    .put("ingestionTime", hit.event().ingestionTime)
                    .put("eventId", String.format("%056d", hit.event().id));
        }
        result.set("searchedLogStreams", searched);
        if (to < hits.size()) {
            result.put("nextToken", String.format("n/%056d", to));
        }
        return result;
    }

    /** startTime inclusive, endTime inclusive, both epoch milliseconds, as the API documents. */
    private static List<LogsState.Event> inWindow(List<LogsState.Event> events, ObjectNode input) {
        long start = input.path("startTime").asLong(Long.MIN_VALUE);
        long end = input.hasNonNull("endTime") ? input.path("endTime").asLong() : Long.MAX_VALUE;
        return events.stream().filter(e -> e.timestamp >= start && e.timestamp <= end).toList();
    }

    private static int position(String token, int size) {
        try {
            return Math.min(size, Math.max(0, Integer.parseInt(token.substring(2))));
        } catch (RuntimeException e) {
            throw new AwsException("InvalidParameterException", "The specified nextToken is invalid.");
        }
    }
}
