package org.ecslabs.app.web;

import io.javalin.http.Context;

/**
 * Headers on every response: pages load scripts, styles, images and connections from this
 * app only (no CDN, no inline script or style), and may not be framed. The one exception is
 * {@link DiagramFrame}, which our own pages frame and where Mermaid may set inline styles.
 */
public final class SecurityHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";
    /** The diagram frame: as strict, except inline styles (Mermaid's) and being framed by our own pages. */
    static final String DIAGRAM_FRAME_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private SecurityHeaders() {
    }

    public static void apply(Context ctx) {
        boolean diagramFrame = ctx.path().equals(DiagramFrame.PATH);
        ctx.header("Content-Security-Policy", diagramFrame ? DIAGRAM_FRAME_POLICY : CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
        ctx.header("X-Frame-Options", diagramFrame ? "SAMEORIGIN" : "DENY");
    }
}
