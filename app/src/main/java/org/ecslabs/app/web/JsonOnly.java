package org.ecslabs.app.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import java.util.Set;

/**
 * A before-handler for every state-changing {@code /api/} call (POST, PUT, PATCH, DELETE): only
 * {@code Content-Type: application/json} is taken, anything else is a 415. Another site can make
 * a browser send a form or {@code text/plain} post without asking, but not a JSON one (that needs
 * a CORS preflight we never grant), so /api needs no form token. One filter for all routes, so a
 * new API route is covered without doing anything.
 */
public final class JsonOnly {
    private static final Set<HandlerType> CHANGING = Set.of(HandlerType.POST, HandlerType.PUT, HandlerType.PATCH,
            HandlerType.DELETE);

    private JsonOnly() {
    }

    public static void check(Context ctx) {
        if (!CHANGING.contains(ctx.method()) || !ctx.path().startsWith("/api/")) {
            return;
        }
        if (ctx.method() == HandlerType.DELETE && ctx.contentLength() <= 0) {
            // A bodiless DELETE (sign-out) carries nothing to read; no site can send one cross-origin without a preflight.
            return;
        }
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT).strip();
        if (!type.equals("application/json") && !type.startsWith("application/json;")) {
            throw new HttpResponseException(415, "Send JSON: Content-Type: application/json and a JSON body "
                    + "(such as {} when there is nothing to say).");
        }
    }
}
