package org.ecslabs.app.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ecslabs.app.aws.CredentialVault;
import org.ecslabs.app.markdown.MarkdownFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one exception mapper: handlers throw NotFoundResponse, BadRequestResponse and friends (or
 * anything else, which becomes a 500), and this turns them into a friendly page for browsers or
 * JSON {@code {"status", "error", "message"}} for /api paths. Never a stack trace. A rejected form
 * ({@link FormRejected}) comes back as its own page with the message in place; a text the user sent
 * that does not parse ({@link MarkdownFileException}) is a 400 that also gives its line and column;
 * stored AWS keys that no longer decrypt are a 409 that says so.
 */
public final class ErrorHandling {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorHandling.class);
    private final Templates templates;

    public ErrorHandling(Templates templates) {
        this.templates = templates;
    }

    public void register(RoutesConfig routes) {
        routes.exception(HttpResponseException.class, (e, ctx) -> respond(ctx, e.getStatus(), e.getMessage(), Map.of()));
        routes.exception(FormRejected.class, (e, ctx) -> {
            if (api(ctx)) {
                respond(ctx, e.getStatus(), e.getMessage(), Map.of());
            } else {
                templates.page(ctx.status(e.getStatus()), e.template(), e.page());
            }
        });
        routes.exception(MarkdownFileException.class, (e, ctx) ->
                respond(ctx, 400, e.getMessage(), Map.of("line", e.line(), "column", e.column())));
        routes.exception(CredentialVault.VaultException.class, (e, ctx) -> respond(ctx, 409, e.getMessage(), Map.of()));
        routes.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "Something went wrong on our side. The details are in the server log.", Map.of());
        });
    }

    private static boolean api(Context ctx) {
        return ctx.path().startsWith("/api/");
    }

    /** {@code extra} adds members to the JSON answer (a parse error's line and column); pages ignore it. */
    private void respond(Context ctx, int status, String message, Map<String, Object> extra) {
        HttpStatus httpStatus = HttpStatus.forStatus(status);
        String reason = httpStatus == HttpStatus.UNKNOWN ? "Error" : httpStatus.getMessage();
        ctx.status(status);
        if (api(ctx)) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("error", reason);
            body.put("message", message == null || message.isBlank() ? reason : message);
            body.putAll(extra);
            ctx.json(body);
            return;
        }
        String heading = switch (status) {
            case 404 -> "Page not found";
            case 403 -> "Not allowed";
            case 409 -> "That cannot be done right now";
            case 400 -> "That request did not look right";
            case 500 -> "Something went wrong";
            default -> reason;
        };
        // Javalin's own messages ("Endpoint GET /x not found") are for developers, not learners.
        boolean generic = message == null || message.isBlank() || message.equals(reason) || message.startsWith("Endpoint ");
        String text = generic ? (status == 404 ? "There is nothing at " + ctx.path() + "." : reason) : message;
        templates.page(ctx, "error.jte", new ErrorPage(new Frame(heading, ""), status, heading, text));
    }
}
