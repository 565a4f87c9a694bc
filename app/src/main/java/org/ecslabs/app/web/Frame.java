package org.ecslabs.app.web;

import org.ecslabs.app.BuildInfo;

/**
 * What the layout needs from every page.
 *
 * @param title   the page title (the browser tab shows "title · ecs-labs")
 * @param section the highlighted navigation entry: home, lessons, labs, quizzes, console (or "")
 */
public record Frame(String title, String section) {

    /** Asset paths for the layout; versions come from the build so a WebJar upgrade needs no edit. */
    public String mermaidJs() {
        return "/webjars/mermaid/" + BuildInfo.CURRENT.mermaid() + "/dist/mermaid.min.js";
    }

    public String highlightJs() {
        return "/webjars/highlightjs/" + BuildInfo.CURRENT.highlightjs() + "/highlight.min.js";
    }

    public String highlightDockerfileJs() {
        return "/webjars/highlightjs/" + BuildInfo.CURRENT.highlightjs() + "/languages/dockerfile.min.js";
    }

    public String highlightCss() {
        return "/webjars/highlightjs/" + BuildInfo.CURRENT.highlightjs() + "/styles/github.min.css";
    }

    public String version() {
        return BuildInfo.CURRENT.version();
    }
}
