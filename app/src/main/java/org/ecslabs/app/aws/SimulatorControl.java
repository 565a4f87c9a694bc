package org.ecslabs.app.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * The simulator's control API ({@code X-Amz-Target: EcsLabsSimulator.<Op>}): AWS JSON 1.1 on the
 * same endpoint, signed with SigV4 like every call, acting on the caller's account. It has no SDK
 * client, so this is a tiny signed JSON client over the factory's HTTP client.
 * Thread-safe: it holds only immutable configuration and the thread-safe HTTP client.
 */
public final class SimulatorControl {

    /** The X-Amz-Target prefix of the control operations. */
    public static final String TARGET_PREFIX = "EcsLabsSimulator";
    // The control API has no signing name of its own; it acts on ECS's world, so it signs as ecs.
    private static final String SIGNING_NAME = "ecs";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AwsClients clients;

    public SimulatorControl(AwsClients clients) {
        this.clients = clients;
    }

    /** Calls {@code operation} (e.g. AdvanceClock) with {@code input}; the JSON answer, or a {@link ControlException}. */
    public JsonNode call(String operation, ObjectNode input) {
        Backend backend = clients.backend();
        URI endpoint = backend.endpoint().orElseThrow(() -> new ControlException(null,
                "ecslabs commands act on the simulator only; in a real account time and load are real"));
        byte[] body = (input == null ? JSON.createObjectNode() : input).toString().getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(endpoint.getPath().isEmpty() ? endpoint.resolve("/") : endpoint)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", TARGET_PREFIX + "." + operation)
                .build();
        SignedRequest signed = AwsV4HttpSigner.create().sign(sign -> sign
                .identity(AwsBasicCredentials.create(backend.accessKeyId(), backend.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, backend.region()));
        try {
            HttpExecuteResponse response = clients.httpClient().prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            String text = "";
            if (response.responseBody().isPresent()) {
                try (InputStream stream = response.responseBody().get()) {
                    text = new String(stream.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            JsonNode answer;
            try {
                answer = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (IOException e) {
                throw new ControlException(null, endpoint + " does not answer " + TARGET_PREFIX + "." + operation
                        + " (HTTP " + response.httpResponse().statusCode() + "): is it the ecs-labs simulator?");
            }
            if (!response.httpResponse().isSuccessful()) {
                String code = answer.path("__type").asText("HTTP " + response.httpResponse().statusCode());
                code = code.substring(code.lastIndexOf('#') + 1);
                String message = answer.has("message") ? answer.get("message").asText() : answer.path("Message").asText(text);
                throw new ControlException(code, code + ": " + message);
            }
            return answer;
        } catch (IOException e) {
            throw new ControlException(null, "could not reach the simulator at " + endpoint + ": " + e.getMessage());
        }
    }

    /** A control call that failed, with a readable message. */
    public static final class ControlException extends RuntimeException {
        private final String errorCode;

        public ControlException(String errorCode, String message) {
            super(message);
            this.errorCode = errorCode;
        }

        /** The simulator's error code, or null when it was not reached. */
        public String errorCode() {
            return errorCode;
        }
    }
}
