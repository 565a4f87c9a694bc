package org.ecslabs.app.classroom;

import java.time.Instant;
import org.ecslabs.app.web.Learner;

/**
 * A person who signs in (classroom mode).
 *
 * @param username   lower-case, unique (an e-mail address or a short name)
 * @param name       how pages greet them
 * @param learnerId  the key their progress, lab runs, vault entry and sandbox are stored under
 * @param lastActive when they last used the app, or null
 */
public record User(String id, String username, String name, Role role, String learnerId, Instant lastActive) {

    public Learner learner() {
        return new Learner(learnerId, name);
    }
}
