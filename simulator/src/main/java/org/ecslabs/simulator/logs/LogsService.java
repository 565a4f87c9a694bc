package org.ecslabs.simulator.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.Sandbox;
import org.ecslabs.simulator.engine.TaggedResources;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.Protocol;

/** CloudWatch Logs: log groups, streams, events, retention and the simple filter patterns. */
public class LogsService implements AwsService, TaggedResources {
    private static final Pattern GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]{1,512}");
    private static final Pattern STREAM_NAME = Pattern.compile("[^:*]{1,512}");
    private static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    /** A simulated day of one task's request lines, with room to spare. */
    static final int MAX_EVENTS_PER_STREAM = 2_000;
    /**
     * The simulator's own cap (AWS keeps streams until their group goes): a service whose tasks keep
     * restarting opens a stream per task, so a group keeps its most recently written streams only.
     */
    static final int MAX_STREAMS_PER_GROUP = 200;

    @Override
    public String signingName() {
        return "logs";
    }

    @Override
    public Protocol protocol() {
        return Protocol.AWS_JSON_1_1;
    }

    @Override
    public String targetPrefix() {
        return "Logs_20140328";
    }

    @Override
    public Class<?> stateType() {
        return LogsState.class;
    }

    @Override
    public JsonNode call(Sandbox sandbox, String operation, ObjectNode input) {
        LogsState state = sandbox.state(LogsState.class);
        return switch (operation) {
            case "CreateLogGroup" -> createLogGroup(sandbox, state, input);
            case "DescribeLogGroups" -> describeLogGroups(sandbox, state, input);
            case "DeleteLogGroup" -> {
                state.groups.remove(group(state, input).name);
                yield empty();
            }
            case "PutRetentionPolicy" -> putRetentionPolicy(state, input);
            case "DeleteRetentionPolicy" -> {
                group(state, input).retentionInDays = null;
                yield empty();
            }
            case "CreateLogStream" -> createLogStream(sandbox, state, input);
            case "DescribeLogStreams" -> describeLogStreams(sandbox, state, input);
            case "DeleteLogStream" -> {
                LogsState.LogGroup group = group(state, input);
                group.streams.remove(stream(group, input).name);
                yield empty();
            }
            case "PutLogEvents" -> putLogEvents(sandbox, state, input);
            case "GetLogEvents" -> EventQueries.getLogEvents(stream(group(state, input), input), input);
            case "FilterLogEvents" -> EventQueries.filterLogEvents(group(state, input), input);
            case "TagLogGroup" -> {
                input.path("tags").fields().forEachRemaining(t -> group(state, input).tags.put(t.getKey(), t.getValue().asText()));
                yield empty();
            }
            case "UntagLogGroup" -> {
                input.path("tags").forEach(key -> group(state, input).tags.remove(key.asText()));
                yield empty();
            }
            case "ListTagsLogGroup" -> tags(group(state, input));
            case "TagResource" -> {
                input.path("tags").fields().forEachRemaining(t -> byArn(state, input).tags.put(t.getKey(), t.getValue().asText()));
                yield empty();
            }
            case "UntagResource" -> {
                input.path("tagKeys").forEach(key -> byArn(state, input).tags.remove(key.asText()));
                yield empty();
            }
            case "ListTagsForResource" -> tags(byArn(state, input));
            default -> throw AwsException.unknownOperation(operation);
        };
    }

    /** Drops events older than their group's retention and streams beyond the cap, once a simulated minute. */
    @Override
    public boolean tick(Sandbox sandbox) {
        LogsState state = sandbox.state(LogsState.class);
        long now = sandbox.now().toEpochMilli();
        if (now - state.lastExpiryMillis < 60_000) {
            return false;
        }
        state.lastExpiryMillis = now;
        boolean changed = false;
        for (LogsState.LogGroup group : state.groups.values()) {
            changed |= dropOldestStreams(group);
            if (group.retentionInDays == null) {
                continue;
            }
            long cutoff = now - Duration.ofDays(group.retentionInDays).toMillis();
            for (LogsState.LogStream stream : group.streams.values()) {
                changed |= stream.events.removeIf(event -> event.timestamp < cutoff);
            }
        }
        return changed;
    }

    private static boolean dropOldestStreams(LogsState.LogGroup group) {
        int excess = group.streams.size() - MAX_STREAMS_PER_GROUP;
        if (excess <= 0) {
            return false;
        }
        group.streams.values().stream()
                .sorted(Comparator.comparingLong((LogsState.LogStream stream) ->
                        stream.lastIngestionMillis == null ? 0L : stream.lastIngestionMillis).thenComparing(stream -> stream.name))
                .limit(excess)
                .map(stream -> stream.name)
                .toList()
                .forEach(group.streams::remove);
        return true;
    }

    private JsonNode createLogGroup(Sandbox sandbox, LogsState state, ObjectNode input) {
        String name = input.path("logGroupName").asText("");
        if (!GROUP_NAME.matcher(name).matches()) {
            throw new AwsException("InvalidParameterException", "1 validation error detected: Value '" + name
                    + "' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+");
        }
        if (!LogWriter.createGroup(sandbox, name)) {
            throw new AwsException("ResourceAlreadyExistsException", "The specified log group already exists");
        }
        input.path("tags").fields().forEachRemaining(t -> state.groups.get(name).tags.put(t.getKey(), t.getValue().asText()));
        return empty();
    }

    private JsonNode describeLogGroups(Sandbox sandbox, LogsState state, ObjectNode input) {
        String prefix = input.path("logGroupNamePrefix").asText("");
        String pattern = input.path("logGroupNamePattern").asText("").toLowerCase(Locale.ROOT);
        if (!prefix.isEmpty() && !pattern.isEmpty()) {
            throw new AwsException("InvalidParameterException",
                    "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }
        List<LogsState.LogGroup> matching = state.groups.values().stream()
                .filter(g -> g.name.startsWith(prefix) && g.name.toLowerCase(Locale.ROOT).contains(pattern))
                .toList();
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode groups = result.putArray("logGroups");
        Page page = Page.of(matching.size(), input, 50);
        for (LogsState.LogGroup group : matching.subList(page.from(), page.to())) {
            String arn = sandbox.arn("logs", "log-group:" + group.name);
            ObjectNode node = groups.addObject()
                    .put("logGroupName", group.name)
                    .put("creationTime", group.creationMillis);
            if (group.retentionInDays != null) {
                node.put("retentionInDays", group.retentionInDays);
            }
            node.put("metricFilterCount", 0)
                    .put("arn", arn + ":*")
                    .put("storedBytes", storedBytes(group))
                    .put("logGroupClass", "STANDARD")
                    .put("logGroupArn", arn);
        }
        page.writeToken(result);
        return result;
    }

    private JsonNode putRetentionPolicy(LogsState state, ObjectNode input) {
        LogsState.LogGroup group = group(state, input);
        int days = input.path("retentionInDays").asInt(-1);
        if (!RETENTION_DAYS.contains(days)) {
            throw new AwsException("InvalidParameterException", "1 validation error detected: Value '" + days
                    + "' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: "
                    + "[1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653]");
        }
        group.retentionInDays = days;
        return empty();
    }

    private JsonNode createLogStream(Sandbox sandbox, LogsState state, ObjectNode input) {
        LogsState.LogGroup group = group(state, input);
        String name = input.path("logStreamName").asText("");
        if (!STREAM_NAME.matcher(name).matches()) {
            throw new AwsException("InvalidParameterException", "1 validation error detected: Value '" + name
                    + "' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*");
        }
        if (group.streams.containsKey(name)) {
            throw new AwsException("ResourceAlreadyExistsException", "The specified log stream already exists");
        }
        LogsState.LogStream stream = new LogsState.LogStream();
        stream.name = name;
        stream.creationMillis = sandbox.now().toEpochMilli();
        group.streams.put(name, stream);
        return empty();
    }

    private JsonNode describeLogStreams(Sandbox sandbox, LogsState state, ObjectNode input) {
        LogsState.LogGroup group = group(state, input);
        String prefix = input.path("logStreamNamePrefix").asText("");
        boolean byLastEvent = "LastEventTime".equals(input.path("orderBy").asText("LogStreamName"));
        if (byLastEvent && !prefix.isEmpty()) {
            throw new AwsException("InvalidParameterException", "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        List<LogsState.LogStream> streams = new ArrayList<>(group.streams.values().stream()
                .filter(s -> s.name.startsWith(prefix)).toList());
        if (byLastEvent) {
            streams.sort(Comparator.comparingLong(LogsService::lastEventTime));
        }
        if (input.path("descending").asBoolean(false)) {
            Collections.reverse(streams);
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ArrayNode list = result.putArray("logStreams");
        Page page = Page.of(streams.size(), input, 50);
        for (LogsState.LogStream stream : streams.subList(page.from(), page.to())) {
            ObjectNode node = list.addObject()
                    .put("logStreamName", stream.name)
                    .put("creationTime", stream.creationMillis);
            if (!stream.events.isEmpty()) {
                node.put("firstEventTimestamp", stream.events.get(0).timestamp)
                        .put("lastEventTimestamp", stream.events.get(stream.events.size() - 1).timestamp)
                        .put("lastIngestionTime", stream.lastIngestionMillis);
            }
            node.put("uploadSequenceToken", sequenceToken(stream))
                    .put("arn", sandbox.arn("logs", "log-group:" + group.name + ":log-stream:" + stream.name))
                    .put("storedBytes", 0);
        }
        page.writeToken(result);
        return result;
    }

    private JsonNode putLogEvents(Sandbox sandbox, LogsState state, ObjectNode input) {
        LogsState.LogStream stream = stream(group(state, input), input);
        JsonNode events = input.path("logEvents");
        if (events.isEmpty()) {
            throw new AwsException("InvalidParameterException", "1 validation error detected: Value '[]' at 'logEvents'"
                    + " failed to satisfy constraint: Member must have length greater than or equal to 1");
        }
        long now = sandbox.now().toEpochMilli();
        long tooOld = now - Duration.ofDays(14).toMillis();
        long tooNew = now + Duration.ofHours(2).toMillis();
        long previous = Long.MIN_VALUE;
        Integer tooNewStart = null;
        Integer tooOldEnd = null;
        for (int i = 0; i < events.size(); i++) {
            long timestamp = events.get(i).path("timestamp").asLong();
            if (timestamp < previous) {
                throw new AwsException("InvalidParameterException",
                        "Log events in a single PutLogEvents request must be in chronological order.");
            }
            previous = timestamp;
            if (timestamp < tooOld) {
                tooOldEnd = i + 1;
            } else if (timestamp > tooNew) {
                tooNewStart = tooNewStart == null ? i : tooNewStart;
            } else {
                insert(state, stream, timestamp, events.get(i).path("message").asText(""), now);
            }
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode().put("nextSequenceToken", sequenceToken(stream));
        if (tooNewStart != null || tooOldEnd != null) {
            ObjectNode rejected = result.putObject("rejectedLogEventsInfo");
            if (tooNewStart != null) {
                rejected.put("tooNewLogEventStartIndex", tooNewStart);
            }
            if (tooOldEnd != null) {
                rejected.put("tooOldLogEventEndIndex", tooOldEnd);
            }
        }
        return result;
    }

    static void insert(LogsState state, LogsState.LogStream stream, long timestamp, String message, long ingestion) {
        int at = stream.events.size();
        while (at > 0 && stream.events.get(at - 1).timestamp > timestamp) {
            at--;
        }
        stream.events.add(at, new LogsState.Event(timestamp, message, ingestion, ++state.ingested));
        // The whole state is saved as JSON after every change: a stream keeps its newest events only.
        if (stream.events.size() > MAX_EVENTS_PER_STREAM) {
            stream.events.subList(0, stream.events.size() - MAX_EVENTS_PER_STREAM).clear();
        }
        stream.lastIngestionMillis = ingestion;
        stream.sequence++;
    }

    private static long lastEventTime(LogsState.LogStream stream) {
        return stream.events.isEmpty() ? stream.creationMillis : stream.events.get(stream.events.size() - 1).timestamp;
    }

    private static long storedBytes(LogsState.LogGroup group) {
        long bytes = 0;
        for (LogsState.LogStream stream : group.streams.values()) {
            for (LogsState.Event event : stream.events) {
                bytes += event.message.length() + 26;
            }
        }
        return bytes;
    }

    private static String sequenceToken(LogsState.LogStream stream) {
        return String.format("%056d", stream.sequence + 1);
    }

    static LogsState.LogGroup group(LogsState state, ObjectNode input) {
        String name = input.path("logGroupName").asText(null);
        if (name == null && input.hasNonNull("logGroupIdentifier")) {
            String identifier = input.path("logGroupIdentifier").asText();
            name = identifier.contains(":log-group:")
                    ? identifier.substring(identifier.indexOf(":log-group:") + 11).replaceFirst(":\\*$", "")
                    : identifier;
        }
        LogsState.LogGroup group = name == null ? null : state.groups.get(name);
        if (group == null) {
            throw new AwsException("ResourceNotFoundException", "The specified log group does not exist.");
        }
        return group;
    }

    private static LogsState.LogStream stream(LogsState.LogGroup group, ObjectNode input) {
        LogsState.LogStream stream = group.streams.get(input.path("logStreamName").asText(""));
        if (stream == null) {
            throw new AwsException("ResourceNotFoundException", "The specified log stream does not exist.");
        }
        return stream;
    }

    private static ObjectNode tags(LogsState.LogGroup group) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        ObjectNode tags = result.putObject("tags");
        group.tags.forEach(tags::put);
        return result;
    }

    /** A log group named by ARN (with or without the trailing :*), as the resource tagging calls name it. */
    private static LogsState.LogGroup byArn(LogsState state, ObjectNode input) {
        String arn = input.path("resourceArn").asText("");
        int at = arn.indexOf(":log-group:");
        LogsState.LogGroup group = at < 0 ? null : state.groups.get(arn.substring(at + 11).replaceFirst(":\\*$", ""));
        if (group == null) {
            throw new AwsException("ResourceNotFoundException", "The specified log group does not exist.");
        }
        return group;
    }

    private static ObjectNode empty() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Index-based paging with opaque-looking tokens, for Describe* calls. */
    record Page(int from, int to, int total) {
        static Page of(int total, ObjectNode input, int defaultLimit) {
            int from = 0;
            String token = input.path("nextToken").asText(null);
            if (token != null) {
                try {
                    from = Integer.parseInt(token.substring(token.indexOf('/') + 1));
                } catch (RuntimeException e) {
                    throw new AwsException("InvalidParameterException", "The specified nextToken is invalid.");
                }
            }
            int limit = input.path("limit").asInt(defaultLimit);
            from = Math.min(Math.max(from, 0), total);
            return new Page(from, Math.min(total, from + limit), total);
        }

        void writeToken(ObjectNode result) {
            if (to < total) {
                result.put("nextToken", "n/" + to);
            }
        }
    }

    /** A log group's tagging ARN is its ARN without the ":*" that DescribeLogGroups' arn carries. */
    @Override
    public List<TaggedResource> taggedResources(Sandbox sandbox) {
        List<TaggedResource> tagged = new ArrayList<>();
        sandbox.state(LogsState.class).groups.values()
                .forEach(group -> TaggedResource.addIfTagged(tagged, sandbox.arn("logs", "log-group:" + group.name), group.tags));
        return tagged;
    }

    @Override
    public Map<String, String> tagsOf(Sandbox sandbox, String arn) {
        LogsState.LogGroup group = groupByArn(sandbox, arn);
        return group == null ? null : group.tags;
    }

    private static LogsState.LogGroup groupByArn(Sandbox sandbox, String arn) {
        String prefix = sandbox.arn("logs", "log-group:");
        if (!arn.startsWith(prefix)) {
            return null;
        }
        return sandbox.state(LogsState.class).groups.get(arn.substring(prefix.length()).replaceFirst(":\\*$", ""));
    }
}
