package org.ecslabs.simulator.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** A Smithy RPC v2 CBOR call as the AWS CLI makes it to CloudWatch, signed with the SDK's signer. */
final class SignedCbor {
    static final CBORMapper CBOR = new CBORMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SignedCbor() {
    }

    record Response(int status, String queryError, JsonNode body) {
    }

    static Response call(URI endpoint, String operation, Object input) {
        try {
            byte[] body = CBOR.writeValueAsBytes(input);
            SdkHttpFullRequest request = SdkHttpFullRequest.builder()
                    .uri(URI.create(endpoint + "/service/GraniteServiceVersion20100801/operation/" + operation))
                    .method(SdkHttpMethod.POST)
                    .putHeader("smithy-protocol", "rpc-v2-cbor")
                    .putHeader("Content-Type", "application/cbor")
                    .putHeader("Accept", "application/cbor")
                    .build();
            SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                    .identity(AwsCredentialsIdentity.create("test", "test"))
                    .request(request)
                    .payload(ContentStreamProvider.fromByteArray(body))
                    .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, "monitoring")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
            HttpRequest.Builder http = HttpRequest.newBuilder(signed.getUri()).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            signed.headers().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(value -> http.header(name, value));
                }
            });
            HttpResponse<byte[]> response = HTTP.send(http.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Response(response.statusCode(), response.headers().firstValue("x-amzn-query-error").orElse(null),
                    CBOR.readTree(response.body()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
