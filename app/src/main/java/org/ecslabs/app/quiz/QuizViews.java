package org.ecslabs.app.quiz;

import io.javalin.http.BadRequestResponse;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Handler;
import io.javalin.http.NotFoundResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.ecslabs.app.lab.LabDirectory;
import org.ecslabs.app.lesson.LessonCatalog;
import org.ecslabs.app.markdown.MarkdownRenderer;

/**
 * What the quiz and exam pages share: questions rendered once and cached, links to the lesson
 * and lab that teach a question, and the mapping of {@link QuizException} to HTTP responses.
 * Thread-safe: the cache is a concurrent map of immutable values.
 */
public final class QuizViews {
    private final MarkdownRenderer markdown;
    private final LessonCatalog lessons;
    private final LabDirectory labs;
    private final Map<String, RenderedQuestion> rendered = new ConcurrentHashMap<>();

    public QuizViews(MarkdownRenderer markdown, LessonCatalog lessons, LabDirectory labs) {
        this.markdown = markdown;
        this.lessons = lessons;
        this.labs = labs;
    }

    /** A link to a lesson or lab. */
    public record Link(String title, String url) {
    }

    public RenderedQuestion render(Question question) {
        RenderedQuestion cached = rendered.get(question.id());
        if (cached != null) {
            return cached;
        }
        // Rendered outside the map's lock: two threads may both render, and the first one wins.
        RenderedQuestion fresh = new RenderedQuestion(question, markdown.render(question.stem()).html(),
                IntStream.range(0, question.options().size()).mapToObj(i -> {
                    Question.Option option = question.options().get(i);
                    return new RenderedQuestion.Option(i, inline(option.text()), option.correct(), inline(option.explanation()));
                }).toList());
        RenderedQuestion raced = rendered.putIfAbsent(question.id(), fresh);
        return raced == null ? fresh : raced;
    }

    /**
     * Renders questions in the background (an exam's, when it starts): Markdown and sanitizing
     * cost a few milliseconds per option, which would otherwise all land on the result page.
     */
    public void prepare(List<Question> questions) {
        CompletableFuture.runAsync(() -> questions.forEach(this::render));
    }

    /** The lesson that teaches the question, if it exists in the catalog. */
    public Optional<Link> lesson(Question question) {
        return lessons.find(question.lesson()).map(lesson -> new Link(lesson.title(), "/lessons/" + lesson.slug()));
    }

    /** The lab that practises the question, only if that lab exists. */
    public Optional<Link> lab(Question question) {
        return question.lab().isBlank() ? Optional.empty()
                : labs.find(question.lab()).map(lab -> new Link(lab.title(), lab.url()));
    }

    /** The lesson and lab links of a question, lesson first. */
    public List<Link> teaching(Question question) {
        return Stream.of(lesson(question), lab(question)).flatMap(Optional::stream).toList();
    }

    /** Markdown for a single line (an option): the paragraph wrapper would be invalid inside a label. */
    private String inline(String text) {
        String html = markdown.render(text).html().strip();
        if (html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 3) < 0) {
            return html.substring(3, html.length() - 4);
        }
        return html;
    }

    /** Wraps a handler so that a {@link QuizException} becomes the matching HTTP error page or JSON. */
    public static Handler guarded(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (QuizException e) {
                throw switch (e.kind()) {
                    case NOT_FOUND -> new NotFoundResponse(e.getMessage());
                    case CONFLICT -> new ConflictResponse(e.getMessage());
                    case BAD_INPUT -> new BadRequestResponse(e.getMessage());
                };
            }
        };
    }
}
