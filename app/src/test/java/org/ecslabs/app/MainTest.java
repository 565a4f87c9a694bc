package org.ecslabs.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real Main in a separate JVM, as an operator would, and reads its exit code and message. */
class MainTest {
    @TempDir
    Path dir;

    @Test
    void aBadPortStopsStartUpWithOneLineNamingTheSettingAndExitCode2() throws Exception {
        Result result = runMain(Map.of("PORT", "abc"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip().lines()).hasSize(1).first().asString()
                .startsWith("ecs-labs cannot start: PORT: 'abc' is not a port number");
    }

    @Test
    void aMissingContentDirStopsStartUpNamingTheSetting() throws Exception {
        Result result = runMain(Map.of("ECSLABS_CONTENT_DIR", dir.resolve("missing").toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("ECSLABS_CONTENT_DIR: folder").contains("does not exist");
    }

    @Test
    void aBrokenLessonStopsStartUpWithFileLineAndColumn() throws Exception {
        Files.createDirectories(dir.resolve("course/content"));
        Files.writeString(dir.resolve("course/content/broken.md"), "---\ntitle: Broken\nordr: 1\n---\nBody\n");

        Result result = runMain(Map.of("ECSLABS_CONTENT_DIR", dir.resolve("course").toString()));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr().strip()).startsWith("ecs-labs cannot start: content/broken.md:3:1: unknown field 'ordr'");
    }

    @Test
    void aClassroomAdminPasswordThatWillNotDoStopsStartUpNamingTheSetting() throws Exception {
        Files.writeString(dir.resolve("admin-password"), "short\n");

        Result result = runMain(Map.of("ECSLABS_MODE", "classroom", "ECSLABS_ADMIN_EMAIL", "admin@example.edu",
                "ECSLABS_ADMIN_PASSWORD_FILE", "admin-password", "ECSLABS_CONTENT_DIR", TestApp.fixtureCourse().toString(),
                "PORT", "1"));

        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("ecs-labs cannot start: ECSLABS_ADMIN_PASSWORD_FILE: the password in")
                .contains("at least 10 characters");
    }

    private record Result(int exitCode, String stderr) {
    }

    private Result runMain(Map<String, String> env) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                Main.class.getName())).directory(dir.toFile());
        builder.environment().keySet().removeIf(key -> key.equals("PORT") || key.startsWith("ECSLABS_"));
        builder.environment().put("ECSLABS_DATA", dir.resolve("data").toString());
        builder.environment().putAll(env);
        builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        byte[] stderr = process.getErrorStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("Main did not stop: " + new String(stderr, StandardCharsets.UTF_8));
        }
        return new Result(process.exitValue(), new String(stderr, StandardCharsets.UTF_8));
    }
}
