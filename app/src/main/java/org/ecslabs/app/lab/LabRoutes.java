package org.ecslabs.app.lab;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.javalin.http.BadRequestResponse;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecslabs.app.aws.AwsClients;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.app.aws.SimulatorControl;
import org.ecslabs.app.aws.SoloSandbox;
import org.ecslabs.app.content.ExamDomain;
import org.ecslabs.app.lesson.LessonCatalog;
import org.ecslabs.app.lesson.Progress;
import org.ecslabs.app.markdown.MarkdownRenderer;
import org.ecslabs.app.web.Csrf;
import org.ecslabs.app.web.CurrentLearner;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.Frame;
import org.ecslabs.app.web.Templates;

/** The lab index ({@code /labs}) and lab pages ({@code /labs/{id}}); checks run through the {@link LabApi}. */
public final class LabRoutes implements Feature {

    private final LabCatalog labs;
    private final LabResults results;
    private final LessonCatalog lessons;
    private final MarkdownRenderer markdown;
    private final CurrentLearner learners;
    private final Templates templates;
    private final LabBackends backends;

    /**
     * @param backends where each learner's checks run, or null when every learner uses the simulator
     */
    public LabRoutes(LabCatalog labs, LabResults results, LessonCatalog lessons, MarkdownRenderer markdown,
                     CurrentLearner learners, Templates templates, LabBackends backends) {
        this.backends = backends;
        this.labs = labs;
        this.results = results;
        this.lessons = lessons;
        this.markdown = markdown;
        this.learners = learners;
        this.templates = templates;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/labs", this::index);
        routes.get("/labs/{id}", this::show);
        routes.post("/labs/{id}/reset-sandbox", this::resetSandbox);
    }

    private void index(Context ctx) {
        Map<String, LabResults.StoredRun> latest = results.latestByLab(learners.of(ctx).id());
        List<LabPages.IndexItem> items = labs.all().stream()
                .map(lab -> new LabPages.IndexItem(lab, domains(lab), latest.get(lab.id())))
                .toList();
        templates.page(ctx, "lab/index.jte", new LabPages.IndexPage(new Frame("Labs", "labs"), items));
    }

    private void show(Context ctx) {
        String id = ctx.pathParam("id");
        Lab lab = labs.lab(id).orElseThrow(() -> new NotFoundResponse("There is no lab called '" + id + "'."));
        List<LabPages.StepView> steps = lab.steps().stream().map(step -> new LabPages.StepView(step.number(),
                step.title(), html(step.markdown()), step.hints().stream().map(this::html).toList(),
                step.solution().map(this::html).orElse(null), step.checks())).toList();
        boolean realAccount = backends != null && backends.usesRealAccount(ctx);
        Backend sandbox = sandbox(ctx);
        List<LabPages.Link> prerequisites = lab.prerequisites().stream().map(this::link).flatMap(Optional::stream).toList();
        templates.page(ctx, "lab/lab.jte", new LabPages.LabPage(new Frame(lab.title(), "labs"), lab, domains(lab),
                prerequisites, html(lab.introduction()),
                lab.setup().map(section -> html(section.markdown())).orElse(null),
                lab.cleanup().map(section -> html(section.markdown())).orElse(null), steps,
                results.latestByLab(learners.of(ctx).id()).get(lab.id()),
                realAccount ? "your own AWS account (real resources, real charges)" : "the built-in simulator",
                realAccount, progress(lab, results.latestByLab(learners.of(ctx).id()).get(lab.id())),
                ctx.scheme() + "://" + ctx.host() + "/aws", Csrf.token(ctx), ctx.queryParam("reset") != null,
                sandbox.accessKeyId(), sandbox.secretAccessKey()));
    }

    /** The learner's own simulator account (in solo mode the one shared sandbox). */
    private Backend sandbox(Context ctx) {
        return backends == null ? SoloSandbox.of(ctx) : backends.simulator().apply(ctx);
    }

    /** How many of the lab's checks passed in the learner's last run (none before the first). */
    private static Progress progress(Lab lab, LabResults.StoredRun lastRun) {
        int total = lab.steps().stream().mapToInt(step -> step.checks().size()).sum();
        return new Progress(lastRun == null ? 0 : lastRun.run().passed(), total);
    }

    /**
     * "Reset my sandbox": wipes the learner's own simulator account through the control API, over the
     * same wire protocol as every other call, signed with their keys (so it can reach no other
     * account). A real account is never reset from here.
     */
    private void resetSandbox(Context ctx) {
        String id = ctx.pathParam("id");
        Lab lab = labs.lab(id).orElseThrow(() -> new NotFoundResponse("There is no lab called '" + id + "'."));
        if (backends != null && backends.usesRealAccount(ctx)) {
            throw new BadRequestResponse("Reset applies to the built-in simulator only: your AWS account is never wiped from here.");
        }
        try (AwsClients clients = new AwsClients(sandbox(ctx))) {
            new SimulatorControl(clients).call("ResetAccount", JsonNodeFactory.instance.objectNode());
        }
        ctx.redirect("/labs/" + lab.id() + "?reset=1", HttpStatus.SEE_OTHER);
    }

    private Optional<LabPages.Link> link(String name) {
        Optional<LabPages.Link> lab = labs.lab(name).map(found -> new LabPages.Link(found.title(), "/labs/" + found.id()));
        if (lab.isPresent()) {
            return lab;
        }
        return lessons.find(name).map(lesson -> new LabPages.Link(lesson.title(), "/lessons/" + lesson.slug()));
    }

    private String html(String text) {
        return text == null || text.isBlank() ? "" : markdown.render(text).html();
    }

    private static List<ExamDomain> domains(Lab lab) {
        return lab.domains().stream().map(ExamDomain::byId).flatMap(Optional::stream).toList();
    }
}
