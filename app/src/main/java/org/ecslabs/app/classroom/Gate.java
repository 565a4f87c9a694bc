package org.ecslabs.app.classroom;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;
import org.ecslabs.app.web.Templates;

/**
 * Classroom mode's before-handler: puts the signed-in user (from the session cookie) on the request,
 * and lets nobody else past except to the pages that sign people in, {@code /health}, {@code /metrics}
 * (guarded by ECSLABS_METRICS, loopback only by default), static assets
 * and {@code /aws} (which is authenticated by its SigV4 signature, and in classroom mode accepts only
 * the generated keys). Pages redirect to the sign-in page; {@code /api} answers 401.
 */
final class Gate {
    /** Exact paths open without a session. */
    private static final Set<String> OPEN = Set.of("/health", "/metrics", "/sign-in", "/join", "/setup", "/api/session", "/api/join",
            "/aws", "/aws/", "/favicon.ico");
    /** Path prefixes open without a session. */
    private static final Set<String> OPEN_PREFIXES = Set.of("/assets/", "/webjars/", "/aws/");

    private final Sessions sessions;

    Gate(Sessions sessions) {
        this.sessions = sessions;
    }

    void check(Context ctx) {
        Optional<User> user = sessions.user(SessionCookie.read(ctx));
        user.ifPresent(found -> {
            ctx.attribute(SignedIn.ATTRIBUTE, found);
            ctx.attribute(Templates.SIGNED_IN, true);
        });
        String path = ctx.path();
        if (user.isPresent() || open(path)) {
            return;
        }
        if (path.startsWith("/api/")) {
            throw new UnauthorizedResponse("Sign in first: POST /api/session with {\"username\", \"password\"}.");
        }
        if (ctx.method() == HandlerType.GET) {
            ctx.redirect("/sign-in?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
            ctx.skipRemainingHandlers();
            return;
        }
        throw new UnauthorizedResponse("Your session has ended. Sign in again.");
    }

    static boolean open(String path) {
        return OPEN.contains(path) || OPEN_PREFIXES.stream().anyMatch(path::startsWith);
    }
}
