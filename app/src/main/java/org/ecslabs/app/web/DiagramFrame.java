package org.ecslabs.app.web;

import io.javalin.config.RoutesConfig;

/**
 * /diagram-frame: the page that draws Mermaid diagrams, embedded once per diagram by app.js.
 * Mermaid sets inline styles while drawing; keeping it in its own frame lets only this page
 * allow inline styles (see {@link SecurityHeaders}) while every other page stays on style-src 'self'.
 */
public final class DiagramFrame implements Feature {
    public static final String PATH = "/diagram-frame";
    private final Templates templates;

    public DiagramFrame(Templates templates) {
        this.templates = templates;
    }

    @Override
    public void routes(RoutesConfig routes) {
        routes.get(PATH, ctx -> templates.page(ctx, "diagram-frame.jte", new Frame("Diagram", "")));
    }
}
