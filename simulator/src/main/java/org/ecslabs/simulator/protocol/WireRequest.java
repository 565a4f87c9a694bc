package org.ecslabs.simulator.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as it arrived, independent of the server that received it.
 *
 * @param method   GET, POST, ...
 * @param path     the raw (still percent-encoded) path as received, e.g. {@code /aws/}; the
 *                 signature is verified over exactly this path
 * @param rawQuery the raw query string without {@code ?}, or null
 * @param headers  header values by name, looked up case-insensitively
 * @param body     the request body, empty when there is none
 */
public record WireRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public WireRequest {
        TreeMap<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((name, values) -> caseInsensitive.merge(name, List.copyOf(values), (a, b) -> {
                List<String> merged = new ArrayList<>(a);
                merged.addAll(b);
                return List.copyOf(merged);
            }));
        }
        headers = Collections.unmodifiableMap(caseInsensitive);
        body = body == null ? new byte[0] : body;
        path = path == null || path.isEmpty() ? "/" : path;
    }

    /** For servers that give one value per header name (Javalin's {@code ctx.headerMap()}). */
    public static WireRequest of(String method, String path, String rawQuery, Map<String, String> headers, byte[] body) {
        Map<String, List<String>> multi = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, value) -> multi.put(name, List.of(value)));
        return new WireRequest(method, path, rawQuery, multi, body);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
