package org.ecslabs.simulator.control;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import org.ecslabs.simulator.engine.AwsService;
import org.ecslabs.simulator.engine.ClockView;
import org.ecslabs.simulator.engine.Session;
import org.ecslabs.simulator.protocol.AwsException;

/**
 * The simulator's own API ({@code X-Amz-Target: EcsLabsSimulator.<Op>}), acting on the caller's
 * account: the clock, the account, and the operations services declare in
 * {@link AwsService#controlOperations()}. Thread-safe: stateless.
 */
public final class ControlOperations {
    public static final String TARGET_PREFIX = "EcsLabsSimulator";
    /** A month: long enough for any lab, short enough that one call cannot tick for an hour. */
    static final double MAX_ADVANCE_SECONDS = 31 * 24 * 3600;
    static final double MAX_SPEED = 1000;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final List<AwsService> services;

    public ControlOperations(List<AwsService> services) {
        this.services = List.copyOf(services);
    }

    public JsonNode call(Session session, String operation, ObjectNode input) {
        return switch (operation) {
            case "GetClock" -> clock(session.clock());
            case "AdvanceClock" -> {
                double seconds = number(input, "seconds", 0, MAX_ADVANCE_SECONDS);
                yield clock(session.advance(Duration.ofNanos(Math.round(seconds * 1e9))));
            }
            case "SetClockSpeed" -> clock(session.setSpeed(number(input, "factor", 0, MAX_SPEED)));
            case "ResetAccount" -> {
                session.reset();
                yield NODES.objectNode();
            }
            case "GetAccount" -> NODES.objectNode().put("accountId", session.accountId()).put("region", session.region());
            default -> services.stream()
                    .filter(service -> service.controlOperations().contains(operation))
                    .findFirst()
                    .map(service -> service.call(session.sandbox(), operation, input))
                    .orElseThrow(() -> AwsException.unknownOperation(TARGET_PREFIX + "." + operation));
        };
    }

    private static ObjectNode clock(ClockView clock) {
        ObjectNode out = NODES.objectNode();
        double now = clock.now().getEpochSecond() + clock.now().getNano() / 1e9;
        out.put("now", now);
        out.put("speed", clock.speed());
        out.put("paused", clock.paused());
        return out;
    }

    private static double number(ObjectNode input, String name, double min, double max) {
        JsonNode value = input.get(name);
        if (value == null || value.isNull()) {
            throw validation("1 validation error detected: Value null at '" + name
                    + "' failed to satisfy constraint: Member must not be null");
        }
        if (!value.isNumber()) {
            throw validation("1 validation error detected: Value '" + value.asText() + "' at '" + name
                    + "' failed to satisfy constraint: Member must be a number");
        }
        double number = value.asDouble();
        if (!(number >= min && number <= max)) {
            throw validation("1 validation error detected: Value '" + value.asText() + "' at '" + name
                    + "' failed to satisfy constraint: Member must be between " + format(min) + " and " + format(max));
        }
        return number;
    }

    private static String format(double number) {
        return number == Math.rint(number) ? String.valueOf((long) number) : String.valueOf(number);
    }

    private static AwsException validation(String message) {
        return new AwsException("ValidationException", message);
    }
}
