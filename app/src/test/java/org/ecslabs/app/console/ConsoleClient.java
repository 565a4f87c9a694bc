package org.ecslabs.app.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Drives the console API of a running app over HTTP, as the console page does. */
record ConsoleClient(int port) {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Runs a command (or a script) and returns {exitCode, output}. */
    JsonNode run(String command) {
        HttpResponse<String> response = post("application/json", JSON.valueToTree(Map.of("command", command)).toString());
        if (response.statusCode() != 200) {
            throw new AssertionError("POST /api/console answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    /** Runs a command in a lab's context: the body is {"command": ..., "lab": ...}. */
    HttpResponse<String> runInLab(String command, String lab) {
        return post("application/json", JSON.valueToTree(Map.of("command", command, "lab", lab)).toString());
    }

    /** The output of a command that must succeed. */
    String ok(String command) {
        JsonNode result = run(command);
        if (result.get("exitCode").asInt() != 0) {
            throw new AssertionError("'" + command + "' failed with exit code " + result.get("exitCode") + ":\n"
                    + result.get("output").asText());
        }
        return result.get("output").asText();
    }

    HttpResponse<String> post(String contentType, String body) {
        return post("/api/console", contentType, body);
    }

    HttpResponse<String> post(String path, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    JsonNode state(String service) {
        String query = service == null ? "" : "?service=" + java.net.URLEncoder.encode(service, java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/console/state" + query)).GET().build());
        if (response.statusCode() != 200) {
            throw new AssertionError("GET /api/console/state answered " + response.statusCode() + ": " + response.body());
        }
        return read(response.body());
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
