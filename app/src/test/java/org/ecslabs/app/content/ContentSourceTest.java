package org.ecslabs.app.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentSourceTest {
    @TempDir
    Path dir;

    @Test
    void listsTheMarkdownFilesOfAFolderByName() throws IOException {
        Files.createDirectories(dir.resolve("content"));
        Files.writeString(dir.resolve("content/b.md"), "B");
        Files.writeString(dir.resolve("content/a.md"), "A");
        Files.writeString(dir.resolve("content/notes.txt"), "not a lesson");

        ContentSource source = ContentSource.directory(dir);

        assertThat(source.list("content")).extracting(ContentFile::name).containsExactly("content/a.md", "content/b.md");
        assertThat(source.list("content").get(0).path()).isEqualTo(dir.resolve("content/a.md"));
        assertThat(source.list("labs")).isEmpty();
    }

    @Test
    void listsTheCopiesBundledInAJarWithoutAnIndexFile() throws IOException {
        // Shaded jars may have no directory entries; the listing must not depend on them.
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            put(out, "bundled/content/what-is-ecs.md", "---\ntitle: x\n---\n");
            put(out, "bundled/content/clusters.md", "C");
            put(out, "bundled/quizzes/exams/associate.md", "E");
            put(out, "org/ecslabs/Other.class", "");
        }

        ContentSource source = ContentSource.bundledIn(jar);

        assertThat(source.list("content")).extracting(ContentFile::name)
                .containsExactly("content/clusters.md", "content/what-is-ecs.md");
        assertThat(source.list("content").get(1).text()).isEqualTo("---\ntitle: x\n---\n");
        assertThat(source.list("content").get(0).path()).isNull();
        assertThat(source.list("quizzes/exams")).extracting(ContentFile::baseName).containsExactly("associate");
        assertThat(source.list("labs")).isEmpty();
        assertThat(source.directoryOrNull()).isNull();
    }

    private static void put(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        OutputStream stream = out;
        stream.write(text.getBytes(StandardCharsets.UTF_8));
        out.closeEntry();
    }
}
