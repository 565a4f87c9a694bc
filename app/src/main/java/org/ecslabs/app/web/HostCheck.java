package org.ecslabs.app.web;

import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * DNS-rebinding protection: a page on another site can point its own host name at 127.0.0.1 and
 * then talk to this app from the learner's browser as if it were that site. The browser still
 * sends the other site's name in the Host header, so a request is answered only when its Host
 * names this machine (localhost, 127.0.0.1, [::1], any port) or the host of {@code ECSLABS_PUBLIC_URL}.
 * A request without a Host header (HTTP/1.0 health probes) does not come from a browser and passes.
 * Applies to {@code /aws} too: in solo mode anyone can sign with the well-known key.
 */
public final class HostCheck {
    /** 421 Misdirected Request: this server does not answer for that name. */
    public static final int MISDIRECTED = 421;
    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1");

    private final String publicHost;

    /** @param publicUrl the address people use, or null when only this machine's own names are accepted */
    public HostCheck(URI publicUrl) {
        this.publicHost = publicUrl == null ? null : publicUrl.getHost().toLowerCase(Locale.ROOT);
    }

    public void check(Context ctx) {
        String header = ctx.header("Host");
        if (header == null || header.isEmpty() || allowed(hostName(header))) {
            return;
        }
        throw new HttpResponseException(MISDIRECTED, "This server does not answer for the name in the address bar. "
                + "Open it at http://localhost" + (publicHost == null ? "" : " or at its public address")
                + "; an operator adds a public address with ECSLABS_PUBLIC_URL.");
    }

    boolean allowed(String host) {
        return host != null && (LOOPBACK.contains(host) || host.equals(publicHost)
                || (publicHost != null && ("[" + host + "]").equals(publicHost)));
    }

    /** The name part of a Host header, lower case, without the port; [::1]:7070 gives ::1. Null if malformed. */
    static String hostName(String header) {
        String value = header.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0 || !(end == value.length() - 1 || value.charAt(end + 1) == ':')) {
                return null;
            }
            return value.substring(1, end);
        }
        int colon = value.indexOf(':');
        String name = colon < 0 ? value : value.substring(0, colon);
        if (colon >= 0 && !value.substring(colon + 1).matches("\\d{0,5}")) {
            return null;
        }
        // A trailing dot names the same host (localhost. is localhost).
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }
}
