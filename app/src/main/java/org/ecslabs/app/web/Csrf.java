package org.ecslabs.app.web;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HandlerType;
import io.javalin.http.SameSite;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Cross-site request forgery protection for HTML forms: a random per-browser-session token kept
 * in an HttpOnly, SameSite cookie and repeated in a hidden field of every POST form
 * ({@code @template.csrf(token = ...)}). A POST whose field does not match its cookie is refused.
 * Another site can make a browser send our cookie but can neither read it nor guess the field.
 * {@code /api/} and {@code /aws} are not forms (JSON APIs and SigV4-signed AWS calls) and are exempt.
 */
public final class Csrf {
    public static final String COOKIE = "ecslabs_csrf";
    public static final String FIELD = "_csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    private Csrf() {
    }

    /** The token for this browser session, created (and set as a cookie) on first use. */
    public static String token(Context ctx) {
        String existing = ctx.cookie(COOKIE);
        if (existing != null && existing.matches("[0-9a-f]{32}")) {
            return existing;
        }
        String issued = ctx.attribute(COOKIE);
        if (issued != null) {
            return issued;
        }
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        // Session cookie (max age -1): the token lives as long as the browser session.
        ctx.cookie(new Cookie(COOKIE, token, "/", -1, false, true, null, SameSite.STRICT));
        ctx.attribute(COOKIE, token);
        return token;
    }

    /** A before-handler: refuses a form POST without the matching token. */
    public static void check(Context ctx) {
        if (ctx.method() != HandlerType.POST || ctx.path().startsWith("/api/") || ctx.path().equals("/aws")
                || ctx.path().startsWith("/aws/")) {
            return;
        }
        String cookie = ctx.cookie(COOKIE);
        String field = ctx.formParam(FIELD);
        if (cookie == null || field == null || !MessageDigest.isEqual(
                cookie.getBytes(StandardCharsets.UTF_8), field.getBytes(StandardCharsets.UTF_8))) {
            throw new ForbiddenResponse("This form has expired or did not come from this site. Go back, reload the page and try again.");
        }
    }
}
