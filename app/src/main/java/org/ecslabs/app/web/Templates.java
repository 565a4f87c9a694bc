package org.ecslabs.app.web;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import gg.jte.resolve.DirectoryCodeResolver;
import io.javalin.http.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import org.ecslabs.app.ConfigException;

/**
 * Renders JTE templates from app/src/main/jte: precompiled classes in the jar, or (dev mode)
 * compiled on the fly from the source folder so that edits show on reload. Every template takes
 * one parameter, its page model record. Thread-safe: JTE's engine is.
 */
public final class Templates {
    /** The request attribute classroom mode sets for a signed-in person. */
    public static final String SIGNED_IN = "ecslabs.signedIn";
    /** Where layout.jte's navigation takes the signed-in person's links (fixed text, nothing from the request). */
    private static final String ACCOUNT_MARKER = "<li class=\"nav-account\" hidden></li>";
    private static final String ACCOUNT_LINKS = "<li><a href=\"/classes\">Classes</a></li>"
            + "<li><a href=\"/account\">Account</a></li>";

    private final TemplateEngine engine;

    private Templates(TemplateEngine engine) {
        this.engine = engine;
    }

    public static Templates precompiled() {
        return new Templates(TemplateEngine.createPrecompiled(ContentType.Html));
    }

    /** Hot reload from the template sources; works from the repository root or from app/. */
    public static Templates fromSources() {
        Path sources = Files.isDirectory(Path.of("app/src/main/jte")) ? Path.of("app/src/main/jte") : Path.of("src/main/jte");
        if (!Files.isDirectory(sources)) {
            throw new ConfigException("ECSLABS_DEV",
                    "template sources (app/src/main/jte) not found; run from the repository root or unset ECSLABS_DEV");
        }
        return new Templates(TemplateEngine.create(new DirectoryCodeResolver(sources), Path.of("target/jte-dev"), ContentType.Html,
                Templates.class.getClassLoader()));
    }

    /** Renders {@code template} (such as "lesson/lesson.jte") with its page model. */
    public String render(String template, Object page) {
        StringOutput output = new StringOutput();
        engine.render(template, page, output);
        return output.toString();
    }

    /** Renders a page as the response; for a signed-in person (classroom mode) the navigation gains their links. */
    public void page(Context ctx, String template, Object page) {
        String html = render(template, page);
        if (Boolean.TRUE.equals(ctx.attribute(SIGNED_IN))) {
            html = html.replace(ACCOUNT_MARKER, ACCOUNT_LINKS);
        }
        ctx.contentType("text/html; charset=utf-8").result(html);
    }
}
