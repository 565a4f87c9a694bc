package org.ecslabs.simulator.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies the SigV4 signature of a request: the canonical request is rebuilt from the headers
 * the client signed and the body, signed with the secret we hold at the time the client stated,
 * and the two signatures must match. Clock skew is deliberately not checked (simulated time is not wall time).
 * Thread-safe: stateless.
 */
public final class SigV4Verifier {
    public static final String MISSING = "MissingAuthenticationTokenException";
    public static final String UNKNOWN_KEY = "UnrecognizedClientException";
    public static final String BAD_SIGNATURE = "InvalidSignatureException";

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "AWS4-HMAC-SHA256\\s+Credential=([^,\\s]+)\\s*,\\s*SignedHeaders=([^,\\s]+)\\s*,\\s*Signature=([0-9a-fA-F]+)\\s*");
    /** Region names as AWS forms them (us-east-1, us-gov-west-1, us-isob-east-1), and short enough to store. */
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+){1,3}-[0-9]{1,2}");
    private static final int MAX_REGION_LENGTH = 32;
    private static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final Clock clock;

    /** Checks signing times against the system's wall clock. */
    public SigV4Verifier() {
        this(Clock.systemUTC());
    }

    /** Checks signing times against {@code clock} (tests that replay a recorded request). */
    public SigV4Verifier(Clock clock) {
        this.clock = clock;
    }

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
        // The region becomes part of the account's stored state: refuse what AWS would never route.
        if (scope.region().length() > MAX_REGION_LENGTH || !REGION.matcher(scope.region()).matches()) {
            throw new AwsException(BAD_SIGNATURE, "Credential should be scoped to a valid region.");
        }
        String secret = secrets.apply(scope.accessKeyId()).orElseThrow(() ->
                new AwsException(UNKNOWN_KEY, "The security token included in the request is invalid."));
        List<String> signedHeaders = Arrays.asList(matcher.group(2).toLowerCase(Locale.ROOT).split(";"));
        Instant signedAt = signingTime(request);
        checkSkew(signedAt);
        checkPayloadHash(request);
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

    private void checkSkew(Instant signedAt) {
        Instant now = clock.instant();
        if (signedAt.isBefore(now.minus(MAX_SKEW))) {
            throw new AwsException(BAD_SIGNATURE, "Signature expired: " + AMZ_DATE.format(signedAt)
                    + " is now earlier than " + AMZ_DATE.format(now.minus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " - 15 min.)");
        }
        if (signedAt.isAfter(now.plus(MAX_SKEW))) {
            throw new AwsException(BAD_SIGNATURE, "Signature not yet current: " + AMZ_DATE.format(signedAt)
                    + " is still later than " + AMZ_DATE.format(now.plus(MAX_SKEW)) + " (" + AMZ_DATE.format(now)
                    + " + 15 min.)");
        }
    }

    /**
     * The JSON and query services sign the body itself: UNSIGNED-PAYLOAD (which only S3 accepts) and a
     * stated hash that is not the body's are both refused, so that a captured request cannot carry
     * another body.
     */
    private static void checkPayloadHash(WireRequest request) {
        String stated = request.header("X-Amz-Content-Sha256");
        if (stated == null) {
            return;
        }
        if ("UNSIGNED-PAYLOAD".equals(stated.trim())) {
            throw badSignature();
        }
        if (!stated.trim().equalsIgnoreCase(hex(sha256(request.body())))) {
            throw new AwsException(BAD_SIGNATURE, "The provided 'x-amz-content-sha256' header does not match what"
                    + " was computed.");
        }
    }

    private static Instant signingTime(WireRequest request) {
        String amzDate = request.header("X-Amz-Date");
        if (amzDate == null) {
            throw new AwsException("IncompleteSignatureException", "Authorization header requires existence of"
                    + " the X-Amz-Date header.");
        }
        try {
            return Instant.from(AMZ_DATE.parse(amzDate.trim()));
        } catch (DateTimeException e) {
            throw new AwsException("IncompleteSignatureException", "Date must be in ISO-8601 'basic format'. Got '"
                    + amzDate + "'.");
        }
    }

    /**
     * The signature the client should have sent, computed from the canonical request over exactly
     * the headers it says it signed. (The SDK's own signer cannot be used for this: it always adds
     * x-amz-content-sha256 to what it signs, which botocore and the AWS CLI do not send.)
     */
    static String recompute(WireRequest request, Scope scope, String secret, List<String> signedHeaders, Instant at) {
        if (request.header("Host") == null || !signedHeaders.contains("host")) {
            throw badSignature();
        }
        StringBuilder canonicalHeaders = new StringBuilder();
        for (String header : signedHeaders.stream().sorted().toList()) {
            List<String> values = request.headers().get(header);
            if (values == null) {
                throw badSignature();
            }
            canonicalHeaders.append(header).append(':')
                    .append(String.join(",", values.stream().map(v -> v.trim().replaceAll("\\s+", " ")).toList()))
                    .append('\n');
        }
        // The body's own hash: a body changed in transit then fails as a signature mismatch, as it
        // does on AWS for every service but S3.
        String payloadHash = hex(sha256(request.body()));
        String canonicalRequest = request.method().toUpperCase(Locale.ROOT) + "\n"
                + canonicalPath(request.path()) + "\n"
                + canonicalQuery(request.rawQuery()) + "\n"
                + canonicalHeaders + "\n"
                + String.join(";", signedHeaders.stream().sorted().toList()) + "\n"
                + payloadHash;
        String amzDate = AMZ_DATE.format(at);
        String date = amzDate.substring(0, 8);
        String credentialScope = date + "/" + scope.region() + "/" + scope.service() + "/aws4_request";
        String stringToSign = "AWS4-HMAC-SHA256\n" + amzDate + "\n" + credentialScope + "\n"
                + hex(sha256(canonicalRequest.getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, scope.region());
        key = hmac(key, scope.service());
        key = hmac(key, "aws4_request");
        return hex(hmac(key, stringToSign));
    }

    /** Every path segment URI-encoded once more, as SigV4 asks of every service but S3. */
    private static String canonicalPath(String path) {
        if (path == null || path.isEmpty()) {
            return "/";
        }
        StringBuilder out = new StringBuilder();
        String[] segments = path.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            if (i > 0) {
                out.append('/');
            }
            out.append(uriEncode(segments[i]));
        }
        return out.toString();
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            pairs.add(new String[] {uriEncode(decode(eq < 0 ? pair : pair.substring(0, eq))),
                    uriEncode(eq < 0 ? "" : decode(pair.substring(eq + 1)))});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return String.join("&", pairs.stream().map(p -> p[0] + "=" + p[1]).toList());
    }

    /** RFC 3986 encoding: unreserved characters stay, everything else is %XX in upper case. */
    private static String uriEncode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~') {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static String decode(String text) {
        return QueryParameters.decode(text);
    }
}
