package org.ecslabs.app;

import java.nio.file.Files;
import java.nio.file.Path;
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
 */
public record AppConfig(int port, Path dataDir, String dbUrl, Path contentDir, boolean dev) {

    public static final int DEFAULT_PORT = 7070;

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
        return new AppConfig(port, dataDir, dbUrl, contentDir, dev);
    }

    /** The H2 file database used when ECSLABS_DB_URL is not set. */
    public static String defaultDbUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.resolve("ecs-labs").toAbsolutePath();
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
