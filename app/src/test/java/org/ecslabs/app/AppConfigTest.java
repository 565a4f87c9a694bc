package org.ecslabs.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {
    @TempDir
    Path dir;

    @Test
    void defaultsToPort7070ADataFolderAndTheBundledCourse() {
        AppConfig config = AppConfig.fromEnv(Map.of(), dir);

        assertThat(config.port()).isEqualTo(7070);
        assertThat(config.dataDir()).isEqualTo(dir.resolve("data"));
        assertThat(config.dbUrl()).isEqualTo("jdbc:h2:file:" + dir.resolve("data").resolve("ecs-labs"));
        assertThat(config.contentDir()).isNull();
        assertThat(config.dev()).isFalse();
    }

    @Test
    void usesTheWorkingDirectorysCourseWhenItHasAContentFolder() throws IOException {
        Files.createDirectories(dir.resolve("content"));

        assertThat(AppConfig.fromEnv(Map.of(), dir).contentDir()).isEqualTo(dir);
    }

    @Test
    void readsEverySetting() throws IOException {
        Files.createDirectories(dir.resolve("course/content"));
        AppConfig config = AppConfig.fromEnv(Map.of("PORT", "8080", "ECSLABS_DATA", "state",
                "ECSLABS_DB_URL", "jdbc:h2:mem:x", "ECSLABS_CONTENT_DIR", "course", "ECSLABS_DEV", "1"), dir);

        assertThat(config).isEqualTo(new AppConfig(8080, dir.resolve("state"), "jdbc:h2:mem:x", dir.resolve("course"), true));
    }

    @Test
    void refusesAPortThatIsNotANumber() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("PORT", "abc"), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("PORT: 'abc' is not a port number; set PORT to a number from 1 to 65535");
    }

    @Test
    void refusesAContentDirThatDoesNotExist() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("ECSLABS_CONTENT_DIR", "nowhere"), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ECSLABS_CONTENT_DIR: folder '" + dir.resolve("nowhere") + "' does not exist");
    }

    @Test
    void refusesAContentDirWithoutContentFolder() throws IOException {
        Files.createDirectories(dir.resolve("course"));

        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("ECSLABS_CONTENT_DIR", "course"), dir))
                .hasMessageContaining("ECSLABS_CONTENT_DIR: folder").hasMessageContaining("has no content/ folder");
    }

    @Test
    void refusesADataFolderThatCannotBeCreated() throws IOException {
        Files.writeString(dir.resolve("file"), "in the way");
        AppConfig config = AppConfig.fromEnv(Map.of("ECSLABS_DATA", "file/data", "ECSLABS_CONTENT_DIR",
                TestApp.fixtureCourse().toString()), dir);

        assertThatThrownBy(() -> AppContext.open(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ECSLABS_DATA: cannot create or write the data folder");
    }

    @Test
    void refusesADatabaseUrlThatCannotBeOpened() {
        AppConfig config = AppConfig.fromEnv(Map.of("ECSLABS_DATA", "data", "ECSLABS_DB_URL", "jdbc:nosuchdb://nowhere/x",
                "ECSLABS_CONTENT_DIR", TestApp.fixtureCourse().toString()), dir);

        assertThatThrownBy(() -> AppContext.open(config)).isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ECSLABS_DB_URL: cannot open the database 'jdbc:nosuchdb://nowhere/x'");
    }

    @Test
    void refusesAValueThatIsNotAJdbcUrl() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("ECSLABS_DB_URL", "postgres://x"), dir))
                .hasMessageStartingWith("ECSLABS_DB_URL: 'postgres://x' is not a JDBC URL");
    }

    @Test
    void soloModeListensOnLoopbackAndClassroomModeOnEveryInterfaceByDefault() {
        AppConfig solo = AppConfig.fromEnv(Map.of(), dir);
        assertThat(solo.mode()).isEqualTo(AppConfig.Mode.SOLO);
        assertThat(solo.host()).isEqualTo("127.0.0.1");
        AppConfig classroom = AppConfig.fromEnv(Map.of("ECSLABS_MODE", "Classroom"), dir);
        assertThat(classroom.mode()).isEqualTo(AppConfig.Mode.CLASSROOM);
        assertThat(classroom.host()).isEqualTo("0.0.0.0");
        assertThat(AppConfig.fromEnv(Map.of("ECSLABS_HOST", "[::1]"), dir).host()).isEqualTo("::1");
    }

    @Test
    void refusesAModeOrHostThatDoesNotExist() {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("ECSLABS_MODE", "class"), dir))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ECSLABS_MODE: 'class' is not a mode; set ECSLABS_MODE to solo");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("ECSLABS_HOST", "http://0.0.0.0:80"), dir))
                .hasMessageStartingWith("ECSLABS_HOST: 'http://0.0.0.0:80' is not an address to listen on");
    }

    @Test
    void readsThePublicUrlAndMakesCookiesSecureForHttps() {
        AppConfig https = AppConfig.fromEnv(Map.of("ECSLABS_PUBLIC_URL", "https://ecs.example.edu/"), dir);
        assertThat(https.publicUrl()).hasToString("https://ecs.example.edu");
        assertThat(https.secureCookies()).isTrue();
        assertThat(AppConfig.fromEnv(Map.of("ECSLABS_PUBLIC_URL", "http://lab.local:7070"), dir).secureCookies()).isFalse();
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("ECSLABS_PUBLIC_URL", "ecs.example.edu"), dir))
                .hasMessageStartingWith("ECSLABS_PUBLIC_URL: 'ecs.example.edu' is not an http(s) URL");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("ECSLABS_PUBLIC_URL", "https://ecs.example.edu/labs"), dir))
                .hasMessageContaining("without a path");
    }

    @Test
    void theAdminSettingsGoTogetherAndThePasswordFileMustBeReadable() throws IOException {
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("ECSLABS_ADMIN_EMAIL", "admin@example.edu"), dir))
                .hasMessageStartingWith("ECSLABS_ADMIN_PASSWORD_FILE: ECSLABS_ADMIN_EMAIL and ECSLABS_ADMIN_PASSWORD_FILE go together");
        assertThatThrownBy(() -> AppConfig.fromEnv(Map.of("ECSLABS_ADMIN_EMAIL", "admin@example.edu",
                "ECSLABS_ADMIN_PASSWORD_FILE", "missing"), dir))
                .hasMessageStartingWith("ECSLABS_ADMIN_PASSWORD_FILE: cannot read");
        Files.writeString(dir.resolve("secret"), "long enough password\n");
        AppConfig config = AppConfig.fromEnv(Map.of("ECSLABS_ADMIN_EMAIL", "admin@example.edu",
                "ECSLABS_ADMIN_PASSWORD_FILE", "secret"), dir);
        assertThat(config.adminEmail()).isEqualTo("admin@example.edu");
        assertThat(config.adminPasswordFile()).isEqualTo(dir.resolve("secret"));
    }
}
