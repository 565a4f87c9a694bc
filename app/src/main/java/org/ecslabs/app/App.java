package org.ecslabs.app;

import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.ecslabs.app.aws.AwsClientsPool;
import org.ecslabs.app.aws.CredentialVault;
import org.ecslabs.app.aws.SimulatorEndpoint;
import org.ecslabs.app.classroom.Classroom;
import org.ecslabs.app.console.ConsoleRoutes;
import org.ecslabs.app.lab.BackendRoutes;
import org.ecslabs.app.lab.LabApi;
import org.ecslabs.app.lab.LabBackends;
import org.ecslabs.app.lab.LabCleanups;
import org.ecslabs.app.lab.LabCatalog;
import org.ecslabs.app.lab.LabResults;
import org.ecslabs.app.lab.LabRoutes;
import org.ecslabs.app.lesson.LessonRoutes;
import org.ecslabs.app.lesson.ProgressStore;
import org.ecslabs.app.metrics.AppMetrics;
import org.ecslabs.app.metrics.MetricsAccess;
import org.ecslabs.app.quiz.ExamRoutes;
import org.ecslabs.app.quiz.ExamService;
import org.ecslabs.app.quiz.PracticeRoutes;
import org.ecslabs.app.quiz.PracticeService;
import org.ecslabs.app.quiz.QuizImportApi;
import org.ecslabs.app.quiz.QuizIndexRoutes;
import org.ecslabs.app.quiz.QuizStore;
import org.ecslabs.app.quiz.QuizViews;
import org.ecslabs.app.web.Csrf;
import org.ecslabs.app.web.DiagramFrame;
import org.ecslabs.app.web.ErrorHandling;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.HomeRoutes;
import org.ecslabs.app.web.HostCheck;
import org.ecslabs.app.web.JsonOnly;
import org.ecslabs.app.web.SecurityHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the configured Javalin app from its dependencies; Main and the tests both use it. */
public final class App {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    /** How long a stop waits for requests in flight: a lab check or a console command takes seconds at most. */
    static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);

    private App() {
    }

    public static Javalin create(AppContext context) {
        ProgressStore progress = new ProgressStore(context.database().dataSource(), context.clock());
        QuizStore quizStore = new QuizStore(context.database().dataSource());
        PracticeService practice = new PracticeService(context.quizzes(), quizStore, context.clock());
        ExamService exams = new ExamService(context.quizzes(), quizStore, context.clock(), new SecureRandom());
        QuizViews quizViews = new QuizViews(context.markdown(), context.lessons(), context.labs());
        // AppContext.open loads the lab catalog as the app's LabDirectory; a test context may have none.
        LabCatalog labCatalog = context.labs() instanceof LabCatalog catalog ? catalog : new LabCatalog(List.of());
        LabResults labResults = new LabResults(context.database().dataSource());
        AwsClientsPool awsClients = new AwsClientsPool();
        AppMetrics metrics = new AppMetrics(MetricsAccess.fromEnv(System.getenv()), context.config().dbUrl(),
                context.simulator());
        // Classroom mode: sign-in, classes and a simulator account per learner; solo mode: inactive.
        Classroom classroom = Classroom.create(context);
        LabBackends labBackends = new LabBackends(new CredentialVault(context.database().dataSource(),
                context.config().dataDir(), context.clock()), classroom.sandbox(), ctx -> context.learners().of(ctx).id());
        // Every feature's routes, in one place. A new feature adds one line here.
        List<Feature> features = List.of(
                new HomeRoutes(context.lessons(), progress, context.learners(), context.templates(),
                        learnerId -> practice.due(learnerId).size()),
                new DiagramFrame(context.templates()),
                new LessonRoutes(context.lessons(), progress, context.labs(), context.learners(), context.templates()),
                new QuizIndexRoutes(context.quizzes(), practice, exams, quizStore, context.lessons(), context.labs(),
                        context.learners(), context.templates(), context.clock()),
                new PracticeRoutes(context.quizzes(), practice, quizStore, quizViews, context.learners(), context.templates()),
                new ExamRoutes(context.quizzes(), exams, quizStore, quizViews, context.markdown(), context.learners(),
                        context.templates(), context.clock()),
                new QuizImportApi(),
                new BackendRoutes(labBackends, awsClients, context.templates()),
                new LabRoutes(labCatalog, labResults, context.lessons(), context.markdown(), context.learners(),
                        context.templates(), labBackends),
                new LabApi(labCatalog, awsClients, labResults, labBackends::backendFor,
                        ctx -> context.learners().of(ctx).id(), context.clock(),
                        new LabCleanups(context.clock(), LabCleanups.Rounds.DEFAULT)),
                new SimulatorEndpoint(context.simulator(), metrics::awsCall),
                metrics,
                new ConsoleRoutes(context.learners(), labBackends, labCatalog, context.templates()),
                classroom);
        ErrorHandling errors = new ErrorHandling(context.templates());
        return Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            // On stop (SIGTERM): stop accepting, let requests in flight finish (up to the grace time), then stop.
            config.jetty.modifyServer(server -> {
                server.setStopTimeout(SHUTDOWN_GRACE.toMillis());
                server.setHandler(new GracefulHandler());
            });
            config.staticFiles.add(files -> {
                files.hostedPath = "/assets";
                files.directory = "/public";
                files.location = Location.CLASSPATH;
            });
            config.staticFiles.enableWebjars();
            config.requestLogger.http((ctx, millis) -> {
                LOG.info("{} {} {} {}ms", ctx.method(), ctx.path(), ctx.status().getCode(), Math.round(millis));
                metrics.request(ctx, millis);
            });
            config.routes.before(new HostCheck(context.config().publicUrl())::check);
            config.routes.before(SecurityHeaders::apply);
            config.routes.before(Csrf::check);
            config.routes.before(JsonOnly::check);
            config.routes.before(classroom::gate);
            features.forEach(feature -> feature.routes(config.routes));
            errors.register(config.routes);
        });
    }
}
