package org.ecslabs.app.web;

import io.javalin.http.Context;

/**
 * Resolves the learner a request acts for. Solo mode always answers {@link Learner#LOCAL};
 * classroom mode will plug in an implementation that reads the login session.
 */
@FunctionalInterface
public interface CurrentLearner {

    Learner of(Context ctx);

    /** Solo mode: everyone is the local learner. */
    static CurrentLearner solo() {
        return ctx -> Learner.LOCAL;
    }
}
