package org.ecslabs.simulator.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.ecslabs.simulator.protocol.AwsException;
import org.ecslabs.simulator.protocol.TimestampNode;

/** Timestamps in and out of CloudWatch, whichever protocol carried them. */
public final class Timestamps {
    private Timestamps() {
    }

    /** Epoch milliseconds of a timestamp member: epoch seconds (JSON, CBOR) or ISO-8601 text (query). */
    public static long parse(JsonNode node, String member) {
        if (node.isNumber()) {
            return node.decimalValue().movePointRight(3).longValue();
        }
        String text = node.asText().trim();
        try {
            return new BigDecimal(text).movePointRight(3).longValue();
        } catch (NumberFormatException notNumeric) {
            // ISO-8601 then
        }
        try {
            return OffsetDateTime.parse(text).toInstant().toEpochMilli();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(text + "Z").toEpochMilli();
            } catch (DateTimeParseException again) {
                throw new AwsException("InvalidParameterValue",
                        "The parameter " + member + " must be a valid ISO 8601 date: " + text);
            }
        }
    }

    /** A timestamp for a response, in whichever form the protocol of the request writes it. */
    public static JsonNode out(long epochMillis) {
        return TimestampNode.ofEpochMilli(epochMillis);
    }
}
