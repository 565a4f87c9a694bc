package org.ecslabs.app;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.ecslabs.app.store.Database;

/**
 * Everything the app reads from its environment, checked once at start-up.
 *
 * @param port        HTTP port ({@code PORT}, default 7070)
 * @param dataDir     folder for the database and other state ({@code ECSLABS_DATA}, default ./data)
 * @param dbUrl       JDBC URL ({@code ECSLABS_DB_URL}, default an H2 file database in dataDir)
 * @param contentDir  folder holding content/, quizzes/ and labs/ ({@code ECSLABS_CONTENT_DIR});
 *                    null means the copies bundled in the jar
 * @param dev         {@code ECSLABS_DEV=1}: templates reload from the source folder
 * @param mode        {@code ECSLABS_MODE}: solo (one local learner, no sign-in) or classroom
 * @param host        the address to listen on ({@code ECSLABS_HOST}; 127.0.0.1 in solo mode, 0.0.0.0 in classroom mode)
 * @param publicUrl   the address people use ({@code ECSLABS_PUBLIC_URL}), or null: join links, the Host
 *                    check and, when https, Secure cookies
 * @param adminEmail  {@code ECSLABS_ADMIN_EMAIL}: the first admin's user name, or null
 * @param adminPasswordFile {@code ECSLABS_ADMIN_PASSWORD_FILE}: a file holding the first admin's password, or null
 */
public record AppConfig(int port, Path dataDir, String dbUrl, Path contentDir, boolean dev, Mode mode, String host,
                        URI publicUrl, String adminEmail, Path adminPasswordFile) {

    public static final int DEFAULT_PORT = 7070;

    /** Solo: one learner on their own machine. Classroom: sign-in, classes, a sandbox per student. */
    public enum Mode {
        SOLO, CLASSROOM
    }

    /** Solo mode on loopback, as most tests and a laptop run it. */
    public AppConfig(int port, Path dataDir, String dbUrl, Path contentDir, boolean dev) {
        this(port, dataDir, dbUrl, contentDir, dev, Mode.SOLO, "127.0.0.1", null, null, null);
    }

    /** The same settings in another mode (tests), with that mode's default host. */
    public AppConfig withMode(Mode newMode) {
        return new AppConfig(port, dataDir, dbUrl, contentDir, dev, newMode, defaultHost(newMode), publicUrl, adminEmail,
                adminPasswordFile);
    }

    /** The same settings with a public URL (tests). */
    public AppConfig withPublicUrl(URI url) {
        return new AppConfig(port, dataDir, dbUrl, contentDir, dev, mode, host, url, adminEmail, adminPasswordFile);
    }

    public boolean classroom() {
        return mode == Mode.CLASSROOM;
    }

    /** Cookies get the Secure flag when people reach the app over https. */
    public boolean secureCookies() {
        return publicUrl != null && "https".equals(publicUrl.getScheme());
    }

    /** Reads and checks the settings; {@code workingDir} is where relative defaults resolve. */
    public static AppConfig fromEnv(Map<String, String> env, Path workingDir) {
        int port = parsePort(env.get("PORT"));
        Path dataDir = workingDir.resolve(valueOr(env, "ECSLABS_DATA", "data")).toAbsolutePath().normalize();
        String dbUrl = valueOr(env, "ECSLABS_DB_URL", defaultDbUrl(dataDir));
        if (!dbUrl.startsWith("jdbc:")) {
            throw new ConfigException("ECSLABS_DB_URL", "'" + Database.redacted(dbUrl) + "' is not a JDBC URL; use one like "
                    + "jdbc:h2:file:/path/to/db or jdbc:postgresql://host:5432/ecslabs, or unset it to use an H2 database in ECSLABS_DATA");
        }
        Path contentDir = contentDir(env.get("ECSLABS_CONTENT_DIR"), workingDir);
        boolean dev = "1".equals(env.get("ECSLABS_DEV")) || "true".equalsIgnoreCase(env.get("ECSLABS_DEV"));
        Mode mode = parseMode(env.get("ECSLABS_MODE"));
        String host = parseHost(valueOr(env, "ECSLABS_HOST", defaultHost(mode)));
        URI publicUrl = parsePublicUrl(env.get("ECSLABS_PUBLIC_URL"));
        String adminEmail = env.get("ECSLABS_ADMIN_EMAIL") == null || env.get("ECSLABS_ADMIN_EMAIL").isBlank()
                ? null : env.get("ECSLABS_ADMIN_EMAIL").trim();
        Path adminPasswordFile = adminPasswordFile(env.get("ECSLABS_ADMIN_PASSWORD_FILE"), adminEmail, workingDir);
        return new AppConfig(port, dataDir, dbUrl, contentDir, dev, mode, host, publicUrl, adminEmail, adminPasswordFile);
    }

    /** The H2 file database used when ECSLABS_DB_URL is not set. */
    public static String defaultDbUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("ecs-labs").toAbsolutePath();
    }

    /** A laptop's app answers only that laptop; a classroom's answers the class. */
    public static String defaultHost(Mode mode) {
        return mode == Mode.CLASSROOM ? "0.0.0.0" : "127.0.0.1";
    }

    private static Mode parseMode(String value) {
        if (value == null || value.isBlank()) {
            return Mode.SOLO;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "solo" -> Mode.SOLO;
            case "classroom" -> Mode.CLASSROOM;
            default -> throw new ConfigException("ECSLABS_MODE", "'" + value + "' is not a mode; set ECSLABS_MODE to "
                    + "solo (one learner, no sign-in) or classroom (sign-in, classes, a sandbox per student)");
        };
    }

    private static String parseHost(String value) {
        // An address or a host name; no scheme, port, path or spaces.
        if (!value.matches("[A-Za-z0-9._:\\-]+|\\[[0-9A-Fa-f:.]+\\]")) {
            throw new ConfigException("ECSLABS_HOST", "'" + value + "' is not an address to listen on; set ECSLABS_HOST "
                    + "to 127.0.0.1 (this machine only) or 0.0.0.0 (every network interface), without a port");
        }
        return value.startsWith("[") ? value.substring(1, value.length() - 1) : value;
    }

    private static URI parsePublicUrl(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String fix = "; set ECSLABS_PUBLIC_URL to the address people open, such as https://ecs.example.edu, or unset it";
        URI uri;
        try {
            uri = new URI(value.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException("ECSLABS_PUBLIC_URL", "'" + value + "' is not a URL" + fix);
        }
        if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getRawQuery() != null || uri.getRawFragment() != null
                || !(uri.getRawPath() == null || uri.getRawPath().isEmpty() || uri.getRawPath().equals("/"))) {
            throw new ConfigException("ECSLABS_PUBLIC_URL", "'" + value + "' is not an http(s) URL of a host without "
                    + "a path" + fix);
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority());
    }

    private static Path adminPasswordFile(String value, String adminEmail, Path workingDir) {
        boolean file = value != null && !value.isBlank();
        if (file != (adminEmail != null)) {
            throw new ConfigException(file ? "ECSLABS_ADMIN_EMAIL" : "ECSLABS_ADMIN_PASSWORD_FILE",
                    "ECSLABS_ADMIN_EMAIL and ECSLABS_ADMIN_PASSWORD_FILE go together; set both (the admin's e-mail "
                            + "and a file holding their password) or neither");
        }
        if (!file) {
            return null;
        }
        Path path = workingDir.resolve(value.trim()).toAbsolutePath().normalize();
        if (!Files.isReadable(path)) {
            throw new ConfigException("ECSLABS_ADMIN_PASSWORD_FILE", "cannot read '" + path + "'; set it to a readable "
                    + "file holding the first admin's password");
        }
        return path;
    }

    private static int parsePort(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_PORT;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new ConfigException("PORT", "'" + value + "' is not a port number; set PORT to a number from 1 to 65535 "
                    + "(or unset it for " + DEFAULT_PORT + ")");
        }
    }

    private static Path contentDir(String value, Path workingDir) {
        if (value == null || value.isBlank()) {
            // A checkout (or a folder prepared by an instructor) wins over the bundled copies.
            return Files.isDirectory(workingDir.resolve("content")) ? workingDir.toAbsolutePath().normalize() : null;
        }
        Path dir = workingDir.resolve(value.trim()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new ConfigException("ECSLABS_CONTENT_DIR", "folder '" + dir + "' does not exist; set it to a folder "
                    + "that holds content/, quizzes/ and labs/, or unset it to use the lessons bundled in the jar");
        }
        if (!Files.isDirectory(dir.resolve("content"))) {
            throw new ConfigException("ECSLABS_CONTENT_DIR", "folder '" + dir + "' has no content/ folder; set it to "
                    + "the folder that holds content/, quizzes/ and labs/ (not content/ itself)");
        }
        return dir;
    }

    private static String valueOr(Map<String, String> env, String key, String fallback) {
        String value = env.get(key);
        return value == null || value.isBlank() ? fallback : value.trim();
    }
}
