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
}
