package org.ecslabs.simulator.engine;

import java.time.Duration;

/**
 * One call on one account, as the control operations see it. Valid only during that call
 * (the engine holds the account's lock).
 */
public interface Session {
    String accountId();

    /** The region the call was signed for. */
    String region();

    /** The caller's sandbox in the call's region, created on first use. */
    Sandbox sandbox();

    ClockView clock();

    /** Moves simulated time forward at once, running every tick on the way. */
    ClockView advance(Duration by);

    /** Sets the clock's speed factor: 0 pauses it, 1 is real time. */
    ClockView setSpeed(double factor);

    /** Forgets every state object of the account, in every region; keeps its clock and credentials. */
    void reset();
}
