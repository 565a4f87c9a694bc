package org.ecslabs.simulator.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * State objects to JSON and back. Fields, not getters, are the state, so a service's state class
 * needs no annotations; unknown properties are ignored so that a removed field does not make old
 * state unreadable. Thread-safe: ObjectMapper is, once configured.
 */
final class StateCodec {
    private final ObjectMapper mapper = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .visibility(PropertyAccessor.FIELD, Visibility.ANY)
            .visibility(PropertyAccessor.GETTER, Visibility.NONE)
            .visibility(PropertyAccessor.IS_GETTER, Visibility.NONE)
            .visibility(PropertyAccessor.SETTER, Visibility.NONE)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    String write(Object state) {
        try {
            return mapper.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialize simulator state " + state.getClass().getName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }

    /** Reads JSON text as a tree (for assembling a map from its stored entries). */
    com.fasterxml.jackson.databind.JsonNode tree(String json) {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read simulator state: " + e.getOriginalMessage(), e);
        }
    }

    /** A tree as a value of a declared (generic) field type. */
    Object convert(com.fasterxml.jackson.databind.JsonNode tree, java.lang.reflect.Type type) {
        try {
            return mapper.treeToValue(tree, mapper.getTypeFactory().constructType(type));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("Cannot read simulator state " + type.getTypeName() + ": " + e.getMessage(), e);
        }
    }

    <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot read simulator state " + type.getName()
                    + ": " + e.getOriginalMessage(), e);
        }
    }
}
