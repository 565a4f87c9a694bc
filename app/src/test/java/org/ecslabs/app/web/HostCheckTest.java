package org.ecslabs.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.javalin.testtools.JavalinTest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.ecslabs.app.App;
import org.ecslabs.app.AppContext;
import org.ecslabs.app.TestApp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DNS-rebinding protection: only this machine's names, and the public URL's host, are answered. */
class HostCheckTest {
    @TempDir
    Path data;

    @Test
    void readsTheNameOfAHostHeader() {
        assertThat(HostCheck.hostName("LocalHost:7070")).isEqualTo("localhost");
        assertThat(HostCheck.hostName("[::1]:7070")).isEqualTo("::1");
        assertThat(HostCheck.hostName("[::1]")).isEqualTo("::1");
        assertThat(HostCheck.hostName("localhost.")).isEqualTo("localhost");
        assertThat(HostCheck.hostName("localhost:evil")).isNull();
        assertThat(HostCheck.hostName("[::1]evil")).isNull();
    }

    @Test
    void acceptsThisMachinesNamesAndThePublicHostOnly() {
        HostCheck solo = new HostCheck(null);
        assertThat(solo.allowed("localhost")).isTrue();
        assertThat(solo.allowed("127.0.0.1")).isTrue();
        assertThat(solo.allowed("::1")).isTrue();
        assertThat(solo.allowed("evil.example")).isFalse();
        assertThat(solo.allowed("localhost.evil.example")).isFalse();
        HostCheck classroom = new HostCheck(URI.create("https://ECS.example.edu"));
        assertThat(classroom.allowed("ecs.example.edu")).isTrue();
        assertThat(classroom.allowed("evil.example")).isFalse();
        assertThat(new HostCheck(URI.create("http://[2001:db8::1]:8080")).allowed("2001:db8::1")).isTrue();
    }

    @Test
    void aRequestForAnotherNameIsRefusedOnPagesApiAndTheAwsEndpoint() {
        try (AppContext context = TestApp.context(data)) {
            JavalinTest.test(App.create(context), (server, client) -> {
                int port = server.port();
                assertThat(send(port, "GET /health", "localhost:" + port)).startsWith("HTTP/1.1 200");
                assertThat(send(port, "GET /health", "127.0.0.1")).startsWith("HTTP/1.1 200");
                assertThat(send(port, "GET /health", "[::1]:1234")).startsWith("HTTP/1.1 200");
                String page = send(port, "GET /", "rebind.evil.example");
                assertThat(page).startsWith("HTTP/1.1 421").contains("ECSLABS_PUBLIC_URL");
                assertThat(send(port, "GET /api/labs", "rebind.evil.example")).startsWith("HTTP/1.1 421");
                assertThat(send(port, "POST /aws", "rebind.evil.example:" + port)).startsWith("HTTP/1.1 421");
            });
        }
    }

    /** One raw HTTP/1.1 request over loopback, with a Host header no HTTP client library lets a test set. */
    private static String send(int port, String requestLine, String host) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
