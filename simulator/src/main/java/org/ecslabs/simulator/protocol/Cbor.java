package org.ecslabs.simulator.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Smithy RPC v2 CBOR bodies. Requests become the same trees JSON requests do (a tag-1 timestamp
 * reads as its epoch-seconds number); in responses a {@link TimestampNode} is written as tag 1.
 * Thread-safe: the mapper is, once built.
 */
public final class Cbor {
    public static final String CONTENT_TYPE = "application/cbor";
    private static final CBORMapper MAPPER = new CBORMapper(
            CBORFactory.builder().streamReadConstraints(JsonBody.CONSTRAINTS).build());
    private static final CBORFactory FACTORY = MAPPER.getFactory();

    private Cbor() {
    }

    public static ObjectNode read(byte[] body) {
        if (body.length == 0) {
            return MAPPER.createObjectNode();
        }
        JsonNode tree;
        try {
            tree = MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.exc.StreamConstraintsException e) {
            throw JsonBody.tooDeep();
        } catch (IOException e) {
            throw new AwsException("SerializationException", "The request body is not valid CBOR.");
        }
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
            return MAPPER.createObjectNode();
        }
        if (!tree.isObject()) {
            throw new AwsException("SerializationException", "Start of structure or map found where not expected.");
        }
        return (ObjectNode) tree;
    }

    public static byte[] write(JsonNode tree) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CBORGenerator generator = (CBORGenerator) FACTORY.createGenerator(out)) {
            write(generator, tree == null ? MAPPER.createObjectNode() : tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(CBORGenerator generator, JsonNode node) throws IOException {
        if (node instanceof TimestampNode timestamp) {
            generator.writeTag(1);
            generator.writeNumber(timestamp.instant().toEpochMilli() / 1000.0);
        } else if (node.isObject()) {
            generator.writeStartObject();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getValue().isNull()) {
                    continue;
                }
                generator.writeFieldName(field.getKey());
                write(generator, field.getValue());
            }
            generator.writeEndObject();
        } else if (node.isArray()) {
            generator.writeStartArray();
            for (JsonNode item : node) {
                write(generator, item);
            }
            generator.writeEndArray();
        } else if (node.isTextual()) {
            generator.writeString(node.asText());
        } else if (node.isBoolean()) {
            generator.writeBoolean(node.asBoolean());
        } else if (node.isIntegralNumber()) {
            generator.writeNumber(node.asLong());
        } else if (node.isNumber()) {
            generator.writeNumber(node.asDouble());
        } else if (node.isNull()) {
            generator.writeNull();
        } else {
            generator.writeString(node.asText());
        }
    }
}
