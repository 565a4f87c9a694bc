package org.ecslabs.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.Javalin;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the app listens by default, read from the listening socket itself (no traffic is sent):
 * solo mode on loopback only, classroom mode on every interface.
 */
class ListenAddressTest {
    @TempDir
    Path dir;

    @Test
    void soloModeListensOnLoopbackOnlyByDefault() throws IOException {
        InetSocketAddress bound = boundAddress(Map.of());
        assertThat(bound.getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void classroomModeListensOnEveryInterfaceByDefault() throws IOException {
        Files.writeString(dir.resolve("admin-password"), "long enough password");
        InetSocketAddress bound = boundAddress(Map.of("ECSLABS_MODE", "classroom", "ECSLABS_ADMIN_EMAIL", "admin@example.edu",
                "ECSLABS_ADMIN_PASSWORD_FILE", "admin-password"));
        assertThat(bound.getAddress().isAnyLocalAddress()).isTrue();
    }

    private InetSocketAddress boundAddress(Map<String, String> env) throws IOException {
        AppConfig read = AppConfig.fromEnv(env, dir);
        // Port 0: any free port; the memory database keeps the test apart from others.
        AppConfig config = new AppConfig(0, read.dataDir(), "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                TestApp.fixtureCourse(), false, read.mode(), read.host(), read.publicUrl(), read.adminEmail(),
                read.adminPasswordFile());
        try (AppContext context = AppContext.open(config)) {
            Javalin app = Main.listen(App.create(context), config);
            try {
                ServerConnector connector = (ServerConnector) app.jettyServer().server().getConnectors()[0];
                return (InetSocketAddress) ((ServerSocketChannel) connector.getTransport()).getLocalAddress();
            } finally {
                app.stop();
            }
        }
    }
}
