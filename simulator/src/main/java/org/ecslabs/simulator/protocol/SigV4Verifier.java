package org.ecslabs.simulator.protocol;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpFullRequest;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Verifies the SigV4 signature of a request: the SDK's own signer re-signs the request's signed
 * headers and body with the secret we hold, at the time the client stated, and the two
 * signatures must match. Clock skew is deliberately not checked (simulated time is not wall time).
 * Thread-safe: stateless apart from the SDK signer, which is itself thread-safe.
 */
public final class SigV4Verifier {
    public static final String MISSING = "MissingAuthenticationTokenException";
    public static final String UNKNOWN_KEY = "UnrecognizedClientException";
    public static final String BAD_SIGNATURE = "InvalidSignatureException";

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)\\s*");
    private static final Pattern SIGNATURE = Pattern.compile("Signature=([0-9a-fA-F]+)");
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /** Who signed a request, and for what: the credential scope of its Authorization header. */
    public record Scope(String accessKeyId, String region, String service) {
    }

    /**
     * The signing name a request claims in its credential scope, before any verification, so
     * that even an authentication error goes out in the flavour the caller's SDK reads.
     */
    public static Optional<String> claimedService(WireRequest request) {
        String authorization = request.header("Authorization");
        if (authorization == null) {
            return Optional.empty();
        }
        Matcher matcher = AUTHORIZATION.matcher(authorization.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        String[] credential = matcher.group(1).split("/");
        return credential.length == 5 ? Optional.of(credential[3]) : Optional.empty();
    }

    /**
     * Returns the verified scope, or throws an {@link AwsException} with one of the JSON error
     * codes {@link #MISSING}, {@link #UNKNOWN_KEY}, {@link #BAD_SIGNATURE}.
     *
     * @param secrets the secret access key for an access key id, empty when the key is unknown
     */
    public Scope verify(WireRequest request, Function<String, Optional<String>> secrets) {
        String authorization = request.header("Authorization");
        if (authorization == null || authorization.isBlank()) {
            throw new AwsException(MISSING, "Missing Authentication Token");
        }
        Matcher matcher = AUTHORIZATION.matcher(authorization.trim());
        if (!matcher.matches()) {
            throw new AwsException("IncompleteSignatureException",
                    "Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters"
                            + " with algorithm AWS4-HMAC-SHA256.");
        }
        String[] credential = matcher.group(1).split("/");
        if (credential.length != 5 || !"aws4_request".equals(credential[4])) {
            throw new AwsException("IncompleteSignatureException",
                    "Credential should be scoped to a valid region and service, e.g. AKID/20250101/us-east-1/ecs/aws4_request.");
        }
        Scope scope = new Scope(credential[0], credential[2], credential[3]);
        String secret = secrets.apply(scope.accessKeyId()).orElseThrow(() ->
                new AwsException(UNKNOWN_KEY, "The security token included in the request is invalid."));
        List<String> signedHeaders = Arrays.asList(matcher.group(2).toLowerCase(Locale.ROOT).split(";"));
        Instant signedAt = signingTime(request);
        String expected = recompute(request, scope, secret, signedHeaders, signedAt);
        byte[] given = matcher.group(3).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(given, expected.getBytes(StandardCharsets.US_ASCII))) {
            throw badSignature();
        }
        return scope;
    }

    private static AwsException badSignature() {
        return new AwsException(BAD_SIGNATURE, "The request signature we calculated does not match the signature you"
                + " provided. Check your AWS Secret Access Key and signing method. Consult the service documentation"
                + " for details.");
    }

    private static Instant signingTime(WireRequest request) {
        String amzDate = request.header("X-Amz-Date");
        if (amzDate == null) {
            throw new AwsException("IncompleteSignatureException", "Authorization header requires existence of"
                    + " the X-Amz-Date header.");
        }
        try {
            return Instant.from(AMZ_DATE.parse(amzDate.trim()));
        } catch (DateTimeParseException e) {
            throw new AwsException("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '"
                    + amzDate + "'.");
        }
    }

    private String recompute(WireRequest request, Scope scope, String secret, List<String> signedHeaders, Instant at) {
        SdkHttpFullRequest.Builder http = SdkHttpFullRequest.builder()
                .method(SdkHttpMethod.fromValue(request.method().toUpperCase(Locale.ROOT)))
                .protocol("http")
                .encodedPath(request.path());
        String host = request.header("Host");
        if (host == null) {
            throw badSignature();
        }
        hostAndPort(http, host);
        for (String header : signedHeaders) {
            List<String> values = request.headers().get(header);
            if (values != null) {
                http.putHeader(header, values);
            }
        }
        if (request.rawQuery() != null && !request.rawQuery().isEmpty()) {
            for (String pair : request.rawQuery().split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                http.appendRawQueryParameter(name, value);
            }
        }
        byte[] body = request.body();
        SignedRequest signed = signer.sign(r -> r
                .identity(AwsCredentialsIdentity.create(scope.accessKeyId(), secret))
                .request(http.build())
                .payload(ContentStreamProvider.fromByteArrayUnsafe(body))
                .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, scope.service())
                .putProperty(AwsV4HttpSigner.REGION_NAME, scope.region())
                .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        String authorization = signed.request().firstMatchingHeader("Authorization").orElse("");
        Matcher matcher = SIGNATURE.matcher(authorization);
        return matcher.find() ? matcher.group(1) : "";
    }

    private static void hostAndPort(SdkHttpFullRequest.Builder http, String host) {
        // The signer derives the canonical host header from host and port, leaving out the
        // default port of the scheme, exactly as the client did from its endpoint.
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(']') < colon) {
            http.host(host.substring(0, colon));
            try {
                http.port(Integer.parseInt(host.substring(colon + 1)));
            } catch (NumberFormatException e) {
                http.host(host);
            }
        } else {
            http.host(host);
            http.port(80);
        }
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
