package org.ecslabs.app.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.ecslabs.app.BuildInfo;
import org.ecslabs.app.lesson.Lesson;
import org.ecslabs.app.lesson.LessonCatalog;
import org.ecslabs.app.lesson.Progress;
import org.ecslabs.app.lesson.ProgressStore;

/** The home page and /health. */
public final class HomeRoutes implements Feature {
    private final LessonCatalog lessons;
    private final ProgressStore progress;
    private final CurrentLearner learners;
    private final Templates templates;
    private final ToIntFunction<String> dueForReview;

    /** @param dueForReview how many questions a learner (by id) has due for review today */
    public HomeRoutes(LessonCatalog lessons, ProgressStore progress, CurrentLearner learners, Templates templates,
                      ToIntFunction<String> dueForReview) {
        this.lessons = lessons;
        this.progress = progress;
        this.learners = learners;
        this.templates = templates;
        this.dueForReview = dueForReview;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/", this::home);
        routes.get("/health", ctx -> ctx.json(new Health("ok", BuildInfo.CURRENT.version())));
    }

    /** The /health answer; a record keeps the field order stable. */
    public record Health(String status, String version) {
    }

    private void home(Context ctx) {
        String learner = learners.of(ctx).id();
        Map<String, Instant> done = progress.completed(learner);
        Lesson next = lessons.all().stream().filter(lesson -> !done.containsKey(lesson.slug())).findFirst().orElse(null);
        int completed = (int) lessons.all().stream().filter(lesson -> done.containsKey(lesson.slug())).count();
        templates.page(ctx, "home.jte", new HomePage(new Frame("Learn Amazon ECS", "home"),
                new Progress(completed, lessons.all().size()), next, lessons.byTopic().size(),
                dueForReview.applyAsInt(learner)));
    }
}
