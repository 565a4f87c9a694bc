package org.ecslabs.app.aws;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where AWS calls go and who makes them: the simulator (an endpoint override) or a real account
 * (no override, so the SDK resolves AWS's own endpoints for the region).
 *
 * @param endpoint        the endpoint override, empty for real AWS
 * @param region          the region to sign for and, for real AWS, to call
 * @param accessKeyId     the access key id
 * @param secretAccessKey the secret key; never shown back, so {@link #toString()} leaves it out
 */
public record Backend(Optional<URI> endpoint, String region, String accessKeyId, String secretAccessKey) {

    public Backend {
        Objects.requireNonNull(endpoint, "endpoint");
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("a region is required, e.g. us-east-1");
        }
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("an access key id and a secret access key are required");
        }
    }

    /** The app's own simulator: {@code http://localhost:<port>/aws}. */
    public static Backend simulator(int port, String region, String accessKeyId, String secretAccessKey) {
        return endpoint(URI.create("http://localhost:" + port + "/aws"), region, accessKeyId, secretAccessKey);
    }

    /** Any AWS-compatible endpoint, such as the standalone simulator at {@code http://localhost:4599}. */
    public static Backend endpoint(URI endpoint, String region, String accessKeyId, String secretAccessKey) {
        return new Backend(Optional.of(endpoint), region, accessKeyId, secretAccessKey);
    }

    /** A real AWS account, with the keys the learner entered. */
    public static Backend realAccount(String region, String accessKeyId, String secretAccessKey) {
        return new Backend(Optional.empty(), region, accessKeyId, secretAccessKey);
    }

    public boolean isSimulator() {
        return endpoint.isPresent();
    }

    @Override
    public String toString() {
        return "Backend[" + endpoint.map(URI::toString).orElse("real AWS") + ", " + region + ", " + accessKeyId + "]";
    }
}
