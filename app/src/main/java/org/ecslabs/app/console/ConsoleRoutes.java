package org.ecslabs.app.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.config.RoutesConfig;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.NotFoundResponse;
import org.ecslabs.app.aws.CredentialVault;
import org.ecslabs.app.lab.LabBackends;
import org.ecslabs.app.lab.LabDirectory;
import org.ecslabs.app.web.CurrentLearner;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.Frame;
import org.ecslabs.app.web.Templates;

/**
 * The browser console: the {@code /console} page, {@code POST /api/console} which runs what the
 * learner typed on their chosen back end (the built-in simulator, or the AWS account they chose on
 * /labs/backend), and {@code GET /api/console/state}, the live view the page polls. The API takes
 * JSON only (415 otherwise): /api is exempt from the form token, and a JSON content type is one
 * another site's page cannot send without the browser asking us first. {@code /console?lab=<id>}
 * and a {@code "lab"} member in the body run commands in that lab's context (create calls are tagged
 * {@code ecslabs:lab=<id>}).
 */
public final class ConsoleRoutes implements Feature {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The vault's answer when stored credentials no longer decrypt: a conflict the learner resolves on /labs/backend. */
    private static final int CONFLICT = 409;

    private final CurrentLearner learners;
    private final LabBackends backends;
    private final LabDirectory labs;
    private final Templates templates;
    private final ConsoleSessions sessions = new ConsoleSessions();

    /**
     * @param backends where each learner's commands run: the simulator (in solo mode this app's own
     *                 {@code /aws} endpoint, see {@link org.ecslabs.app.aws.SoloSandbox}) or their AWS account
     * @param labs     the labs a command may run in the context of
     */
    public ConsoleRoutes(CurrentLearner learners, LabBackends backends, LabDirectory labs, Templates templates) {
        this.learners = learners;
        this.backends = backends;
        this.labs = labs;
        this.templates = templates;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/console", this::page);
        routes.post("/api/console", this::run);
        routes.get("/api/console/state", this::state);
    }

    private void page(Context ctx) {
        String labId = ctx.queryParam("lab");
        LabDirectory.LabLink lab = labId == null || labId.isBlank() ? null : labs.find(labId)
                .orElseThrow(() -> new NotFoundResponse("There is no lab called '" + labId + "'. Open the console from the lab's page."));
        Frame frame = new Frame("Console", "console");
        ConsoleTarget target;
        try {
            target = target(ctx);
        } catch (CredentialVault.VaultException e) {
            templates.page(ctx.status(CONFLICT), "console/console.jte",
                    new ConsolePage(frame, ConsolePage.AWS_EXAMPLES, null, lab, e.getMessage()));
            return;
        }
        templates.page(ctx, "console/console.jte", new ConsolePage(frame,
                target.realAccount() ? ConsolePage.AWS_EXAMPLES : ConsolePage.EXAMPLES, target.account(), lab, null));
    }

    /** The request body of {@code POST /api/console}. */
    record RunRequest(String command, String lab) {
    }

    private void run(Context ctx) {
        // Content-Type other than JSON: a 415 from web/JsonOnly before this runs.
        RunRequest request = request(ctx.body());
        if (request.lab() != null && labs.find(request.lab()).isEmpty()) {
            throw new BadRequestResponse("There is no lab called '" + request.lab() + "'. Open the console from the lab's page.");
        }
        ctx.json(session(ctx).run(request.command(), request.lab()));
    }

    private static RunRequest request(String body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequestResponse("The body is not valid JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject() || !json.path("command").isTextual()) {
            throw new BadRequestResponse("The body must be a JSON object with a \"command\" string.");
        }
        JsonNode lab = json.path("lab");
        if (!lab.isMissingNode() && !lab.isNull() && !lab.isTextual()) {
            throw new BadRequestResponse("\"lab\" must be a lab id string, such as \"first-fargate-task\".");
        }
        return new RunRequest(json.get("command").asText(), lab.isTextual() && !lab.asText().isBlank() ? lab.asText() : null);
    }

    private void state(Context ctx) {
        ctx.header("Cache-Control", "no-store");
        ctx.json(session(ctx).state().read(ctx.queryParam("service")));
    }

    private ConsoleSession session(Context ctx) {
        try {
            return sessions.of(learners.of(ctx), target(ctx));
        } catch (CredentialVault.VaultException e) {
            throw new HttpResponseException(CONFLICT, e.getMessage());
        }
    }

    /** The learner's back end; {@link CredentialVault.VaultException} if their stored keys cannot be decrypted. */
    private ConsoleTarget target(Context ctx) {
        return backends.realAccount(ctx)
                .map(ConsoleTarget::realAccount)
                .orElseGet(() -> ConsoleTarget.simulator(backends.simulator().apply(ctx)));
    }
}
