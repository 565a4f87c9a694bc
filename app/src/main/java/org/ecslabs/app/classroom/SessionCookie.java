package org.ecslabs.app.classroom;

import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;

/**
 * The session cookie: HttpOnly (no script reads it), SameSite=Lax (another site's form post does not
 * carry it, a link from an e-mail does), Secure when the public address is https.
 */
final class SessionCookie {
    static final String NAME = "ecslabs_session";

    private final boolean secure;

    SessionCookie(boolean secure) {
        this.secure = secure;
    }

    void set(Context ctx, String token) {
        ctx.cookie(new Cookie(NAME, token, "/", -1, secure, true, null, SameSite.LAX));
    }

    void clear(Context ctx) {
        ctx.cookie(new Cookie(NAME, "", "/", 0, secure, true, null, SameSite.LAX));
    }

    static String read(Context ctx) {
        return ctx.cookie(NAME);
    }
}
