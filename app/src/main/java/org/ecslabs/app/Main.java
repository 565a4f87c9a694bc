package org.ecslabs.app;

import io.javalin.Javalin;

/** Reads configuration and starts the app. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Javalin.create(config -> config.routes.get("/health", ctx -> ctx.result("ok"))).start(7070);
    }
}
