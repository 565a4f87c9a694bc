package org.ecslabs.app.classroom;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;

/**
 * The classroom API's request bodies: JSON objects only. /api is exempt from the form token, and
 * application/json is a type another site's page cannot send without the browser asking us first
 * (a CORS preflight we never answer), so anything else is refused with 415.
 */
final class JsonBody {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode body;

    private JsonBody(JsonNode body) {
        this.body = body;
    }

    static JsonBody of(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.startsWith("application/json;")) {
            throw new HttpResponseException(415, "Send JSON: Content-Type: application/json.");
        }
        JsonNode body;
        try {
            body = JSON.readTree(ctx.body());
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (body == null || !body.isObject()) {
            throw new BadRequestResponse("The body must be a JSON object.");
        }
        return new JsonBody(body);
    }

    /** A string member, or null when missing; 400 when present but not a string. */
    String text(String name) {
        JsonNode value = body.path(name);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new BadRequestResponse("\"" + name + "\" must be a string.");
        }
        return value.asText();
    }

    String required(String name) {
        String value = text(name);
        if (value == null || value.isBlank()) {
            throw new BadRequestResponse("\"" + name + "\" is required.");
        }
        return value;
    }
}
