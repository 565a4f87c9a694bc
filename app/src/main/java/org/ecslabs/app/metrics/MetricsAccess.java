package org.ecslabs.app.metrics;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import org.ecslabs.app.ConfigException;

/**
 * Who may read {@code /metrics}, from {@code ECSLABS_METRICS}: unset, {@code local}, only this machine
 * (a request from a loopback address that did not come through a proxy); {@code on} (or {@code 1}),
 * anyone who reaches the port (a Prometheus in the same container network); {@code off} (or
 * {@code 0}), nobody (404). Loopback by default: the figures tell nothing secret, but how busy a
 * learner is is nobody else's business.
 */
public enum MetricsAccess {
    OFF, LOOPBACK, ANY;

    public static MetricsAccess fromEnv(Map<String, String> env) {
        String value = env.getOrDefault("ECSLABS_METRICS", "").strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "", "local" -> LOOPBACK;
            case "on", "1", "true" -> ANY;
            case "off", "0", "false" -> OFF;
            default -> throw new ConfigException("ECSLABS_METRICS",
                    "'" + value + "' is not a choice; use local (the default: this machine only), on or off");
        };
    }

    boolean allows(Context ctx) {
        return switch (this) {
            case OFF -> false;
            case ANY -> true;
            case LOOPBACK -> ctx.header("X-Forwarded-For") == null && ctx.header("Forwarded") == null
                    && loopback(ctx.req().getRemoteAddr());
        };
    }

    private static boolean loopback(String address) {
        try {
            // The remote address is always a literal IP, so this does no name lookup.
            return address != null && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
