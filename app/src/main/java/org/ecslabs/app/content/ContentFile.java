package org.ecslabs.app.content;

import java.nio.file.Path;

/**
 * One Markdown file of the course.
 *
 * @param name  path relative to the content root, such as {@code content/clusters.md}; used in errors
 * @param text  the file's text
 * @param path  the file on disk, or null when it comes from the jar
 */
public record ContentFile(String name, String text, Path path) {

    /** The file name without its folder and without {@code .md}. */
    public String baseName() {
        String file = name.substring(name.lastIndexOf('/') + 1);
        return file.endsWith(".md") ? file.substring(0, file.length() - 3) : file;
    }
}
