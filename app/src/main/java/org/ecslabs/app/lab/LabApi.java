package org.ecslabs.app.lab;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.ecslabs.app.aws.AwsClientsPool;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.cli.OperationInvoker;
import org.ecslabs.app.web.Feature;

/**
 * The labs API: {@code GET /api/labs}, {@code GET /api/labs/{id}}, {@code POST /api/labs/{id}/check}
 * and {@code POST /api/labs/{id}/steps/{n}/check}. Checks run on the caller's back end (the app
 * decides which: the simulator, or the real account a learner entered) and each run is stored
 * for the caller. Unknown labs and steps are JSON 404s. {@code POST /api/labs/{id}/clean-up}
 * starts removing what the lab made on the caller's back end ({@link LabCleanup}) and
 * {@code GET /api/labs/{id}/clean-up} follows it. The POSTs take JSON only (415 otherwise, from
 * {@link org.ecslabs.app.web.JsonOnly}), since /api is exempt from the form token.
 *
 * @param backendFor the back end a request's checks run on
 * @param learnerFor the key results are stored under for a request
 */
public record LabApi(LabCatalog catalog, AwsClientsPool pool, LabResults results,
                     Function<Context, Backend> backendFor, Function<Context, String> learnerFor, Clock clock,
                     LabCleanups cleanups)
        implements Feature {

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/api/labs", this::list);
        routes.get("/api/labs/{id}", this::show);
        routes.post("/api/labs/{id}/check", this::check);
        routes.post("/api/labs/{id}/steps/{step}/check", this::checkStep);
        routes.post("/api/labs/{id}/clean-up", this::startCleanup);
        routes.get("/api/labs/{id}/clean-up", this::cleanupStatus);
    }

    private void list(Context ctx) {
        Map<String, LabResults.StoredRun> latest = results.latestByLab(learnerFor.apply(ctx));
        ctx.json(catalog.all().stream().map(lab -> {
            Map<String, Object> summary = summary(lab);
            summary.put("lastRun", lastRun(latest.get(lab.id())));
            return summary;
        }).toList());
    }

    private void show(Context ctx) {
        Lab lab = lab(ctx);
        Map<String, Object> body = summary(lab);
        body.put("references", lab.references());
        body.put("video", lab.video().orElse(null));
        body.put("resources", lab.resources());
        body.put("cost", lab.cost().orElse(null));
        body.put("introduction", lab.introduction());
        body.put("setup", lab.setup().orElse(null));
        body.put("cleanup", lab.cleanup().orElse(null));
        body.put("steps", lab.steps().stream().map(step -> {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("number", step.number());
            view.put("title", step.title());
            view.put("markdown", step.markdown());
            view.put("hints", step.hints());
            view.put("solution", step.solution().orElse(null));
            view.put("checks", step.checks().stream().map(check -> Map.of("id", check.id(), "title", check.title())).toList());
            return view;
        }).toList());
        body.put("lastRun", lastRun(results.latestByLab(learnerFor.apply(ctx)).get(lab.id())));
        ctx.json(body);
    }

    private void check(Context ctx) {
        Lab lab = lab(ctx);
        LabRun run = checker(ctx).check(lab);
        results.record(learnerFor.apply(ctx), Optional.empty(), run, clock.instant());
        ctx.json(run);
    }

    private void checkStep(Context ctx) {
        Lab lab = lab(ctx);
        Optional<Integer> number = parseStep(ctx.pathParam("step"));
        if (number.isEmpty() || lab.step(number.get()).isEmpty()) {
            throw new NotFoundResponse("lab " + lab.id() + " has no step '" + ctx.pathParam("step") + "' (steps 1 to "
                    + lab.steps().size() + ")");
        }
        LabRun run = checker(ctx).checkStep(lab, number.get());
        results.record(learnerFor.apply(ctx), number, run, clock.instant());
        ctx.json(run);
    }

    private void startCleanup(Context ctx) {
        Lab lab = lab(ctx);
        ctx.status(202).json(cleanups.start(learnerFor.apply(ctx), lab, pool.clients(backendFor.apply(ctx))));
    }

    private void cleanupStatus(Context ctx) {
        Lab lab = lab(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.json(cleanups.status(learnerFor.apply(ctx), lab.id())
                .<Object>map(status -> status)
                .orElse(Map.of("lab", lab.id(), "state", "none")));
    }

    private LabChecker checker(Context ctx) {
        return new LabChecker(new CheckEngine(new OperationInvoker(pool.clients(backendFor.apply(ctx)))));
    }

    /** The lab the path names; a JSON 404 (through ErrorHandling) when there is none. */
    private Lab lab(Context ctx) {
        String id = ctx.pathParam("id");
        return catalog.lab(id).orElseThrow(() -> new NotFoundResponse("no lab with the id '" + id + "'"));
    }

    private static Optional<Integer> parseStep(String text) {
        try {
            return Optional.of(Integer.parseInt(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Map<String, Object> summary(Lab lab) {
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("id", lab.id());
        summary.put("title", lab.title());
        summary.put("summary", lab.summary());
        summary.put("level", lab.level());
        summary.put("minutes", lab.minutes());
        summary.put("domains", lab.domains());
        summary.put("prerequisites", lab.prerequisites());
        summary.put("updated", lab.updated().toString());
        summary.put("requires", lab.requires());
        summary.put("steps", lab.steps().size());
        summary.put("checks", lab.checks().size());
        return summary;
    }

    /** A stored run as JSON: counts, results and when (no Optionals, which Jackson would not write plainly). */
    private static Map<String, Object> lastRun(LabResults.StoredRun stored) {
        if (stored == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("passed", stored.run().passed());
        view.put("total", stored.run().total());
        view.put("checkedAt", stored.checkedAt().toString());
        view.put("checks", stored.run().checks());
        return view;
    }
}
