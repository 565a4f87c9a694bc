package org.ecslabs.app.classroom;

import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.UnauthorizedResponse;
import java.util.Optional;
import org.ecslabs.app.web.CurrentLearner;

/**
 * Who a classroom request acts for: {@link Gate} puts the signed-in {@link User} on the request,
 * everything after reads it here. No session, no learner: nothing is ever done as somebody else.
 */
public final class SignedIn {
    static final String ATTRIBUTE = "ecslabs.user";

    private SignedIn() {
    }

    public static Optional<User> user(Context ctx) {
        return Optional.ofNullable(ctx.attribute(ATTRIBUTE));
    }

    /** The signed-in user; 401 without a session. */
    public static User required(Context ctx) {
        return user(ctx).orElseThrow(() -> new UnauthorizedResponse("Sign in first."));
    }

    /** The signed-in instructor or admin; 401 without a session, 403 for a student. */
    public static User teacher(Context ctx) {
        User user = required(ctx);
        if (!user.role().teaches()) {
            throw new ForbiddenResponse("Only instructors can do this.");
        }
        return user;
    }

    /** The signed-in admin; 401 without a session, 403 for anyone else. */
    public static User admin(Context ctx) {
        User user = required(ctx);
        if (user.role() != Role.ADMIN) {
            throw new ForbiddenResponse("Only an admin can do this.");
        }
        return user;
    }

    /** Classroom mode's {@link CurrentLearner}: the signed-in person's learner. */
    public static CurrentLearner learners() {
        return ctx -> required(ctx).learner();
    }
}
