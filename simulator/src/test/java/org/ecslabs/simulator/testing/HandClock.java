package org.ecslabs.simulator.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A wall clock that stands still until the test moves it; shared by the simulator's and the app's
 * tests. Thread-safe: the instant is volatile, so a ticker thread sees every move.
 */
public final class HandClock extends Clock {
    private volatile Instant now;

    public HandClock(Instant now) {
        this.now = now;
    }

    public void advance(Duration by) {
        now = now.plus(by);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
