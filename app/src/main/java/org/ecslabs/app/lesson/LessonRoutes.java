package org.ecslabs.app.lesson;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ecslabs.app.lab.LabDirectory;
import org.ecslabs.app.web.Csrf;
import org.ecslabs.app.web.CurrentLearner;
import org.ecslabs.app.web.Feature;
import org.ecslabs.app.web.Frame;
import org.ecslabs.app.web.Templates;

/** The lesson index, lesson pages and marking a lesson complete. */
public final class LessonRoutes implements Feature {
    private final LessonCatalog lessons;
    private final ProgressStore progress;
    private final LabDirectory labs;
    private final CurrentLearner learners;
    private final Templates templates;

    public LessonRoutes(LessonCatalog lessons, ProgressStore progress, LabDirectory labs, CurrentLearner learners,
                        Templates templates) {
        this.lessons = lessons;
        this.progress = progress;
        this.labs = labs;
        this.learners = learners;
        this.templates = templates;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get("/lessons", this::index);
        routes.get("/lessons/{slug}", this::show);
        routes.post("/lessons/{slug}/complete", this::complete);
    }

    private void index(Context ctx) {
        Map<String, Instant> done = progress.completed(learners.of(ctx).id());
        List<LessonIndexPage.Topic> topics = lessons.byTopic().entrySet().stream().map(group -> {
            List<LessonIndexPage.Item> items = group.getValue().stream()
                    .map(lesson -> new LessonIndexPage.Item(lesson, done.containsKey(lesson.slug()))).toList();
            int completed = (int) items.stream().filter(LessonIndexPage.Item::completed).count();
            return new LessonIndexPage.Topic(group.getKey(), items, new Progress(completed, items.size()));
        }).toList();
        templates.page(ctx, "lesson/index.jte",
                new LessonIndexPage(new Frame("Lessons", "lessons"), topics, courseProgress(done)));
    }

    private void show(Context ctx) {
        Lesson lesson = find(ctx);
        Map<String, Instant> done = progress.completed(learners.of(ctx).id());
        Instant completedAt = done.get(lesson.slug());
        List<LabDirectory.LabLink> lessonLabs = lesson.labs().stream().map(labs::find)
                .flatMap(Optional::stream).toList();
        templates.page(ctx, "lesson/lesson.jte", new LessonPage(new Frame(lesson.title(), "lessons"), lesson,
                lessons.previous(lesson).orElse(null), lessons.next(lesson).orElse(null), lessonLabs,
                completedAt == null ? null : completedAt.atZone(ZoneOffset.UTC).toLocalDate(), Csrf.token(ctx),
                courseProgress(done)));
    }

    private void complete(Context ctx) {
        Lesson lesson = find(ctx);
        progress.markComplete(learners.of(ctx).id(), lesson.slug());
        // Post/redirect/get: a reload shows the page instead of re-posting the form.
        ctx.redirect("/lessons/" + lesson.slug() + "#complete", HttpStatus.SEE_OTHER);
    }

    private Lesson find(Context ctx) {
        String slug = ctx.pathParam("slug");
        return lessons.find(slug).orElseThrow(() -> new NotFoundResponse("There is no lesson called '" + slug + "'."));
    }

    private Progress courseProgress(Map<String, Instant> done) {
        int completed = (int) lessons.all().stream().filter(lesson -> done.containsKey(lesson.slug())).count();
        return new Progress(completed, lessons.all().size());
    }
}
