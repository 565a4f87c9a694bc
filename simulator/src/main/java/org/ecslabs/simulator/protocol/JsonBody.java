package org.ecslabs.simulator.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Reads the JSON body of an awsJson request, refusing nesting beyond {@link RequestLimits#MAX_JSON_DEPTH}. Thread-safe. */
public final class JsonBody {
    static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(RequestLimits.MAX_JSON_DEPTH)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder().streamReadConstraints(CONSTRAINTS).build());

    private JsonBody() {
    }

    /** The body as an object; an empty body or a JSON null is an empty input. */
    public static ObjectNode read(WireRequest request) {
        if (request.body().length == 0) {
            return JSON.createObjectNode();
        }
        try {
            JsonNode body = JSON.readTree(request.body());
            if (body == null || body.isNull() || body.isMissingNode()) {
                return JSON.createObjectNode();
            }
            if (!body.isObject()) {
                throw new AwsException("SerializationException", "Start of structure or map found where not expected.");
            }
            return (ObjectNode) body;
        } catch (StreamConstraintsException e) {
            throw tooDeep();
        } catch (JsonProcessingException e) {
            throw new AwsException("SerializationException", "The request body is not valid JSON.");
        } catch (IOException e) {
            throw new AwsException("SerializationException", "The request body could not be read.");
        }
    }

    static AwsException tooDeep() {
        return new AwsException("SerializationException", "The request body nests objects and arrays deeper than "
                + RequestLimits.MAX_JSON_DEPTH + " levels.");
    }
}
