package org.ecslabs.simulator.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * What one request may cost the server, checked before any parsing that grows with the input.
 * The figures sit far above any request the simulated APIs accept (AWS caps most at 1 MB or less)
 * and far below what would hurt the server. Thread-safe: stateless.
 */
public final class RequestLimits {
    /** The body as received (compressed or not). */
    public static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /** The body once a Content-Encoding: gzip is undone; inflating stops here. */
    public static final int MAX_INFLATED_BYTES = 8 * 1024 * 1024;
    /** All header names and values together. */
    public static final int MAX_HEADER_BYTES = 32 * 1024;
    /** Nesting of JSON or CBOR objects and arrays. */
    public static final int MAX_JSON_DEPTH = 64;
    /** Dotted segments of one query parameter name ({@code A.member.1.B} has four). */
    public static final int MAX_PARAMETER_DEPTH = 32;
    /** Query parameters in one request (a full PutMetricData stays well below). */
    public static final int MAX_PARAMETERS = 25_000;

    private RequestLimits() {
    }

    /** Refuses a request whose headers or body are beyond the limits. */
    public static void check(WireRequest request) {
        long headerBytes = 0;
        for (Map.Entry<String, List<String>> header : request.headers().entrySet()) {
            for (String value : header.getValue()) {
                headerBytes += header.getKey().length() + (value == null ? 0 : value.length()) + 4;
            }
        }
        if (headerBytes > MAX_HEADER_BYTES) {
            throw new AwsException("RequestHeaderSectionTooLarge", "Your request header section exceeds the maximum"
                    + " allowed size (" + MAX_HEADER_BYTES + " bytes).");
        }
        if (request.body().length > MAX_BODY_BYTES) {
            throw tooLarge("Request body", MAX_BODY_BYTES);
        }
    }

    /**
     * The request with its gzip Content-Encoding undone, inflating at most {@link #MAX_INFLATED_BYTES}:
     * a small body that expands without end is refused once it passes the limit, not held in memory.
     */
    public static WireRequest inflated(WireRequest request) {
        String encoding = request.header("Content-Encoding");
        if (encoding == null || !encoding.toLowerCase(Locale.ROOT).contains("gzip")) {
            return request;
        }
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(request.body()))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(MAX_INFLATED_BYTES, request.body().length * 4 + 64));
            byte[] buffer = new byte[64 * 1024];
            int read;
            while ((read = in.read(buffer)) > 0) {
                if (out.size() + read > MAX_INFLATED_BYTES) {
                    throw tooLarge("Decompressed request body", MAX_INFLATED_BYTES);
                }
                out.write(buffer, 0, read);
            }
            return new WireRequest(request.method(), request.path(), request.rawQuery(), request.headers(), out.toByteArray());
        } catch (IOException e) {
            throw new AwsException("SerializationException", "The request body is not valid gzip.");
        }
    }

    private static AwsException tooLarge(String what, int limit) {
        return new AwsException("RequestEntityTooLarge", what + " size exceeds the maximum of " + limit + " bytes.", 413);
    }
}
