package org.ecslabs.simulator.engine;

import java.time.Instant;

/** An account's clock as a caller sees it. */
public record ClockView(Instant now, double speed) {
    public boolean paused() {
        return speed == 0;
    }
}
