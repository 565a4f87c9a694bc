package org.ecslabs.app.web;

/**
 * Whoever is using the app: in solo mode the one local learner, in classroom mode a student.
 *
 * @param id          the key progress is stored under (the learner table's id)
 * @param displayName how pages greet them
 */
public record Learner(String id, String displayName) {
    /** The single learner of solo mode; the V1 migration creates its row. */
    public static final Learner LOCAL = new Learner("local", "You");
}
