package org.ecslabs.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions written into build-info.properties by the Maven build.
 *
 * @param version     the app's version, as /health reports it
 * @param mermaid     the bundled mermaid WebJar version (part of its asset path)
 * @param highlightjs the bundled highlight.js WebJar version (part of its asset path)
 */
public record BuildInfo(String version, String mermaid, String highlightjs) {

    public static final BuildInfo CURRENT = load();

    private static BuildInfo load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("/build-info.properties")) {
            if (in == null) {
                throw new IllegalStateException("build-info.properties is missing: build the app with Maven");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new BuildInfo(properties.getProperty("version"), properties.getProperty("mermaid"),
                properties.getProperty("highlightjs"));
    }
}
