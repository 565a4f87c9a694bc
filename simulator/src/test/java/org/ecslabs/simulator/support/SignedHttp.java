package org.ecslabs.simulator.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** Raw HTTP requests signed with the SDK's own SigV4 signer, for calls no SDK client models. */
public final class SignedHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private SignedHttp() {
    }

    public record Response(int status, String contentType, String body) {
    }

    /** POSTs a JSON body with X-Amz-Target, signed for {@code service} in {@code region}. */
    public static Response json(URI endpoint, String accessKey, String secret, String region, String service,
                                String target, String body) {
        return send(endpoint, "POST", accessKey, secret, region, service,
                Map.of("Content-Type", "application/x-amz-json-1.1", "X-Amz-Target", target), body);
    }

    /** POSTs a query-protocol form, signed for {@code service}. */
    public static Response form(URI endpoint, String accessKey, String secret, String region, String service, String form) {
        return send(endpoint, "POST", accessKey, secret, region, service,
                Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8"), form);
    }

    public static Response send(URI endpoint, String method, String accessKey, String secret, String region,
                                String service, Map<String, String> headers, String body) {
        return send(endpoint, method, accessKey, secret, region, service, headers, body.getBytes(StandardCharsets.UTF_8));
    }

    /** Signs and sends any bytes (a gzip body, say) with the given headers. */
    public static Response send(URI endpoint, String method, String accessKey, String secret, String region,
                                String service, Map<String, String> headers, byte[] bytes) {
        SdkHttpRequest signed = sign(endpoint, method, accessKey, secret, region, service, headers, bytes,
                Clock.systemUTC(), true);
        return sendUnsigned(signed.getUri(), method, signed.headers(), bytes);
    }

    /**
     * The request as the SDK's signer signs it, at the time of {@code signingClock}, with the body's hash
     * or (payloadSigning false) UNSIGNED-PAYLOAD: to send as is, or with another body.
     */
    public static SdkHttpRequest sign(URI endpoint, String method, String accessKey, String secret, String region,
                                      String service, Map<String, String> headers, byte[] bytes, Clock signingClock,
                                      boolean payloadSigning) {
        SdkHttpFullRequest.Builder request = SdkHttpFullRequest.builder()
                .uri(endpoint)
                .method(SdkHttpMethod.fromValue(method));
        headers.forEach(request::putHeader);
        return SIGNER.sign(r -> r
                .identity(AwsCredentialsIdentity.create(accessKey, secret))
                .request(request.build())
                .payload(ContentStreamProvider.fromByteArray(bytes))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region)
                .putProperty(HttpSigner.SIGNING_CLOCK, signingClock)
                .putProperty(AwsV4FamilyHttpSigner.PAYLOAD_SIGNING_ENABLED, payloadSigning)).request();
    }

    /** Sends a request exactly as given (no signing): to test what unsigned or tampered requests get. */
    public static Response sendUnsigned(URI uri, String method, Map<String, List<String>> headers, byte[] body) {
        HttpRequest.Builder http = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach((name, values) -> {
            // The JDK client sets Host itself, from the same URI the signer used.
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(value -> http.header(name, value));
            }
        });
        try {
            HttpResponse<String> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
