package org.ecslabs.simulator.engine;

/** Who may call the simulator. */
public enum Mode {
    /** One learner on a laptop: the well-known key {@code test}/{@code test} signs for account 000000000000. */
    SOLO,
    /** A class: only generated key pairs, one account each; {@code test} is refused. */
    CLASSROOM
}
