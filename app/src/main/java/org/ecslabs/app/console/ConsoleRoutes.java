package org.ecslabs.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.Locale;
import java.util.function.Function;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.web.CurrentLearner;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.Frame;
import org.ecslabs.app.web.Templates;

/**
 * The browser console: the {@code /console} page, {@code POST /api/console} which runs what the
 * learner typed against their own sandbox, and {@code GET /api/console/state}, the live view the
 * page polls. The API takes JSON only (415 otherwise): /api is exempt from the form token, and a
 * JSON content type is one another site's page cannot send without the browser asking us first.
 */
public final class ConsoleRoutes implements Feature {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CurrentLearner learners;
    private final Templates templates;
    private final ConsoleSessions sessions;

    /**
     * @param backendFor the sandbox a request's commands run in; in solo mode this app's own
     *                   {@code /aws} endpoint with the solo credentials, see {@link org.ecslabs.app.aws.SoloSandbox}
     */
    public ConsoleRoutes(CurrentLearner learners, Function<Context, Backend> backendFor, Templates templates) {
        this.learners = learners;
        this.templates = templates;
        this.sessions = new ConsoleSessions(backendFor);
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/console", this::page);
        routes.post("/api/console", this::run);
        routes.get("/api/console/state", this::state);
    }

    private void page(Context ctx) {
        templates.page(ctx, "console/console.jte", new ConsolePage(new Frame("Console", "console"), ConsolePage.EXAMPLES));
    }

    /** The request body of {@code POST /api/console}. */
    record RunRequest(String command) {
    }

    private void run(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.equals("application/json") && !type.startsWith("application/json;")) {
            throw new HttpResponseException(415, "Send the command as JSON: Content-Type: application/json and "
                    + "a body such as {\"command\": \"aws ecs list-clusters\"}.");
        }
        String command;
        try {
            JsonNode body = JSON.readTree(ctx.body());
            if (body == null || !body.isObject() || !body.path("command").isTextual()) {
                throw new BadRequestResponse("The body must be a JSON object with a \"command\" string.");
            }
            command = body.get("command").asText();
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("The body is not valid JSON: " + e.getOriginalMessage());
        }
        ctx.json(sessions.of(learners.of(ctx), ctx).run(command));
    }

    private void state(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(sessions.of(learners.of(ctx), ctx).state().read(ctx.queryParam("service")));
    }
}
