package org.ecslabs.app.content;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the course's Markdown comes from: a folder holding content/, quizzes/ and labs/, or the
 * copies the build bundles into the jar under {@code bundled/}. Thread-safe: it only reads files.
 */
public final class ContentSource {
    private final Path root;
    private final boolean onDisk;

    private ContentSource(Path root, boolean onDisk) {
        this.root = root;
        this.onDisk = onDisk;
    }

    /** A folder on disk that holds content/ (and usually quizzes/ and labs/). */
    public static ContentSource directory(Path root) {
        return new ContentSource(root.toAbsolutePath().normalize(), true);
    }

    /**
     * The copies bundled by the build: {@code bundled/} inside the jar, or in target/classes when
     * running from the build tree. Listing works in both because both are walked as file systems.
     */
    public static ContentSource bundled() {
        try {
            URI location = ContentSource.class.getProtectionDomain().getCodeSource().getLocation().toURI();
            return bundledIn(Path.of(location));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot find the lessons bundled in the jar", e);
        }
    }

    /** The {@code bundled/} folder of a jar or a classes folder. */
    static ContentSource bundledIn(Path codeSource) {
        if (Files.isDirectory(codeSource)) {
            return new ContentSource(codeSource.resolve("bundled"), false);
        }
        try {
            return new ContentSource(jarFileSystem(codeSource).getPath("/bundled"), false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the lessons bundled in " + codeSource, e);
        }
    }

    private static FileSystem jarFileSystem(Path jar) throws IOException {
        URI uri = URI.create("jar:" + jar.toUri());
        try {
            return FileSystems.newFileSystem(uri, Map.of());
        } catch (FileSystemAlreadyExistsException e) {
            return FileSystems.getFileSystem(uri);
        }
    }

    /** The {@code .md} files directly inside {@code folder} (such as "content" or "quizzes/exams"), by name. */
    public List<ContentFile> list(String folder) {
        Path dir = root.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<ContentFile> files = new ArrayList<>();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path file : entries.filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                String name = folder + "/" + file.getFileName();
                files.add(new ContentFile(name, Files.readString(file, StandardCharsets.UTF_8), onDisk ? file : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir, e);
        }
        return files;
    }

    /** Says where the course comes from, for the start-up log. */
    public String describe() {
        return onDisk ? root.toString() : "the copies bundled in the jar";
    }

    /** The folder on disk, or null for the bundled copies. */
    public Path directoryOrNull() {
        return onDisk ? root : null;
    }
}
