package org.ecslabs.app.web;

import io.javalin.config.RoutesConfig;

/**
 * A part of the app that serves routes. App registers every feature in one list, so that all
 * routes are declared in one place; a feature gets its dependencies through its constructor.
 */
@FunctionalInterface
public interface Feature {

    void routes(RoutesConfig routes);
}
