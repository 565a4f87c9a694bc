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
 * @param sessionToken    a session token for temporary credentials, or null; never shown back either
 * @param realAccount     a learner's own AWS account (even when a test sends its calls elsewhere):
 *                        the simulator's controls do not exist there and time passes for real
 */
public record Backend(Optional<URI> endpoint, String region, String accessKeyId, String secretAccessKey,
                      String sessionToken, boolean realAccount) {

    /**
     * Test-only: an endpoint that {@link #realAccount} calls instead of AWS, so that the real-account
     * code path can be proved against the simulator. Never set it in production.
     */
    public static final String REAL_ENDPOINT_OVERRIDE = "ECSLABS_REAL_ENDPOINT_OVERRIDE";

    public Backend {
        Objects.requireNonNull(endpoint, "endpoint");
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("a region is required, e.g. us-east-1");
        }
        if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKey == null || secretAccessKey.isBlank()) {
            throw new IllegalArgumentException("an access key id and a secret access key are required");
        }
        if (sessionToken != null && sessionToken.isBlank()) {
            sessionToken = null;
        }
    }

    public Backend(Optional<URI> endpoint, String region, String accessKeyId, String secretAccessKey) {
        this(endpoint, region, accessKeyId, secretAccessKey, null, false);
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
        return realAccount(region, accessKeyId, secretAccessKey, null);
    }

    /**
     * A real AWS account with temporary credentials (a null session token for long-term keys). The
     * {@value #REAL_ENDPOINT_OVERRIDE} system property or environment variable (tests only) sends the
     * calls to another endpoint, such as the simulator.
     */
    public static Backend realAccount(String region, String accessKeyId, String secretAccessKey, String sessionToken) {
        String override = System.getProperty(REAL_ENDPOINT_OVERRIDE, System.getenv(REAL_ENDPOINT_OVERRIDE));
        Optional<URI> endpoint = override == null || override.isBlank() ? Optional.empty() : Optional.of(URI.create(override));
        return new Backend(endpoint, region, accessKeyId, secretAccessKey, sessionToken, true);
    }

    /** The simulator: its control operations ({@code ecslabs ...}) and its clock are there. */
    public boolean isSimulator() {
        return !realAccount && endpoint.isPresent();
    }

    @Override
    public String toString() {
        String where = realAccount ? "real AWS" + endpoint.map(uri -> " via " + uri).orElse("")
                : endpoint.map(URI::toString).orElse("AWS");
        return "Backend[" + where + ", " + region + ", " + accessKeyId + "]";
    }
}
