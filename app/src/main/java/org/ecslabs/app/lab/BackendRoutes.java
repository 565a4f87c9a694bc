package org.ecslabs.app.lab;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;
import org.ecslabs.app.aws.AwsClientsPool;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.aws.CredentialVault;
import org.ecslabs.app.web.Csrf;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.FormRejected;
import org.ecslabs.app.web.Frame;
import org.ecslabs.app.web.Templates;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/**
 * The lab back-end settings page, {@code /labs/backend}: the built-in simulator or the learner's
 * own AWS account, the form for that account's region and keys (the secret is never shown back),
 * "Test connection" ({@code sts:GetCallerIdentity} through the client factory) and "Remove".
 * Register it before {@link LabRoutes}, whose {@code /labs/{id}} would otherwise take the path.
 */
public final class BackendRoutes implements Feature {

    /** The settings page: what is stored (summary only) and the outcome of the last action. */
    public record BackendPage(Frame frame, CredentialVault.Summary stored, String message, String error, String csrfToken) {
    }

    /** Far above any AWS secret (40 characters) or session token (a few thousand), far below a flood. */
    private static final int MAX_KEY = 8192;

    private final LabBackends backends;
    private final AwsClientsPool pool;
    private final Templates templates;

    public BackendRoutes(LabBackends backends, AwsClientsPool pool, Templates templates) {
        this.backends = backends;
        this.pool = pool;
        this.templates = templates;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/labs/backend", ctx -> show(ctx, done(ctx.queryParam("done")), null));
        routes.post("/labs/backend", this::save);
        routes.post("/labs/backend/test", this::test);
        routes.post("/labs/backend/remove", this::remove);
    }

    private void show(Context ctx, String message, String error) {
        templates.page(ctx, "lab/backend.jte", page(ctx, message, error));
    }

    private BackendPage page(Context ctx, String message, String error) {
        CredentialVault.Summary stored = backends.vault().summary(backends.learnerFor().apply(ctx)).orElse(null);
        return new BackendPage(new Frame("Lab back end", "labs"), stored, message, error, Csrf.token(ctx));
    }

    /** The settings page again with {@code problem} in place of the message, answered with {@code status}. */
    private FormRejected rejected(Context ctx, int status, String problem) {
        return new FormRejected(status, problem, "lab/backend.jte", page(ctx, null, problem));
    }

    private void save(Context ctx) {
        String learner = backends.learnerFor().apply(ctx);
        boolean real = "real".equals(ctx.formParam("backend"));
        String region = trimmed(ctx.formParam("region"));
        String keyId = trimmed(ctx.formParam("accessKeyId"));
        String secret = trimmed(ctx.formParam("secretAccessKey"));
        String token = trimmed(ctx.formParam("sessionToken"));
        if (keyId.isEmpty() && secret.isEmpty()) {
            // Only the choice changed: keep the stored keys.
            if (!backends.vault().useRealAccount(learner, real) && real) {
                throw rejected(ctx, 400, "Enter a region, an access key id and a secret access key to use your AWS account.");
            }
            ctx.redirect("/labs/backend?done=saved", HttpStatus.SEE_OTHER);
            return;
        }
        String problem = controlCharacters(region, keyId, secret, token);
        if (problem == null && !region.matches("[a-z]{2}(-[a-z]+)+-\\d")) {
            problem = "Enter a region such as us-east-1.";
        }
        if (problem == null && !keyId.matches("[A-Z0-9]{16,128}")) {
            problem = "The access key id is 16 to 128 capital letters and digits, such as AKIA... or ASIA....";
        }
        if (problem == null && secret.isEmpty()) {
            problem = "Enter the secret access key.";
        }
        if (problem == null && (secret.length() > MAX_KEY || token.length() > MAX_KEY)) {
            problem = "The secret access key and the session token are at most " + MAX_KEY + " characters each.";
        }
        if (problem != null) {
            throw rejected(ctx, 400, problem);
        }
        try {
            backends.vault().save(learner, new CredentialVault.Credentials(region, keyId, secret,
                    token.isEmpty() ? null : token), real);
        } catch (CredentialVault.VaultException e) {
            throw rejected(ctx, 500, e.getMessage());
        }
        ctx.redirect("/labs/backend?done=saved", HttpStatus.SEE_OTHER);
    }

    private void test(Context ctx) {
        String learner = backends.learnerFor().apply(ctx);
        Optional<CredentialVault.Credentials> stored;
        try {
            stored = backends.vault().credentials(learner);
        } catch (CredentialVault.VaultException e) {
            show(ctx, null, e.getMessage());
            return;
        }
        if (stored.isEmpty()) {
            throw rejected(ctx, 400, "There are no AWS credentials to test. Enter them first.");
        }
        CredentialVault.Credentials credentials = stored.get();
        String unusable = controlCharacters(credentials.region(), credentials.accessKeyId(), credentials.secretAccessKey(),
                credentials.sessionToken() == null ? "" : credentials.sessionToken());
        if (unusable != null) {
            // Kept before such keys were refused: they would break the request's headers, so they are not sent.
            throw rejected(ctx, 400, unusable);
        }
        Backend backend = Backend.realAccount(credentials.region(), credentials.accessKeyId(),
                credentials.secretAccessKey(), credentials.sessionToken());
        try {
            GetCallerIdentityResponse identity = ((StsClient) pool.clients(backend).client("sts")).getCallerIdentity();
            show(ctx, "Connected to AWS account " + identity.account() + " as " + identity.arn() + ".", null);
        } catch (SdkException e) {
            show(ctx, null, "AWS said: " + e.getMessage());
        }
    }

    private void remove(Context ctx) {
        backends.vault().remove(backends.learnerFor().apply(ctx));
        ctx.redirect("/labs/backend?done=removed", HttpStatus.SEE_OTHER);
    }

    /** The message after a redirect: only our own words, never text from the query string. */
    private static String done(String code) {
        return code == null ? null : switch (code) {
            case "saved" -> "Saved. Lab checks now run where you chose.";
            case "removed" -> "Your AWS credentials were removed. Labs use the built-in simulator.";
            default -> null;
        };
    }

    /**
     * Why the fields cannot be used, or null. A line break or another control character in a key would
     * end up in an HTTP header (the session token is sent as one): refused, and never echoed or logged.
     */
    private static String controlCharacters(String region, String keyId, String secret, String token) {
        String[][] fields = {{"region", region}, {"access key id", keyId}, {"secret access key", secret},
                {"session token", token}};
        for (String[] field : fields) {
            if (field[1].chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                return "The " + field[0] + " holds a line break or another control character. Copy it again "
                        + "as one line, without spaces or breaks inside.";
            }
        }
        return null;
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.trim();
    }
}
