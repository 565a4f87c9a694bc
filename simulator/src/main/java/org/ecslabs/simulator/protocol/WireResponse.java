package org.ecslabs.simulator.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP response to write back as is.
 *
 * @param status      HTTP status
 * @param contentType the Content-Type header
 * @param headers     further headers (e.g. x-amzn-RequestId)
 * @param body        the body bytes
 */
public record WireResponse(int status, String contentType, Map<String, String> headers, byte[] body) {

    public WireResponse {
        headers = Map.copyOf(headers);
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
