package org.ecslabs.simulator.protocol;

import com.fasterxml.jackson.databind.node.DecimalNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * A timestamp in an output tree, written as each protocol writes timestamps: epoch seconds in JSON
 * (it is a number), ISO-8601 text in XML (its text form), a tag-1 epoch in CBOR. A service that
 * answers on more than one protocol puts these in its output and need not know which one asked.
 */
public final class TimestampNode extends DecimalNode {
    private static final DateTimeFormatter ISO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final Instant instant;

    private TimestampNode(Instant instant) {
        super(BigDecimal.valueOf(instant.toEpochMilli(), 3));
        this.instant = instant;
    }

    public static TimestampNode of(Instant instant) {
        return new TimestampNode(instant);
    }

    public static TimestampNode ofEpochMilli(long epochMillis) {
        return new TimestampNode(Instant.ofEpochMilli(epochMillis));
    }

    public Instant instant() {
        return instant;
    }

    @Override
    public String asText() {
        return ISO.format(instant);
    }
}
