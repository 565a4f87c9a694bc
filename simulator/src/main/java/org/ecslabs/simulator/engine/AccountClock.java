package org.ecslabs.simulator.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * An account's simulated time: {@code anchor + (wall - wallAnchor) * speed}. Changing the speed
 * re-anchors at the current simulated time, so time never jumps. Guarded by the account's lock.
 */
final class AccountClock {
    private Instant anchor;
    private Instant wallAnchor;
    private double speed;

    AccountClock(Instant anchor, Instant wallAnchor, double speed) {
        this.anchor = anchor;
        this.wallAnchor = wallAnchor;
        this.speed = speed;
    }

    Instant now(Instant wall) {
        if (speed == 0) {
            return anchor;
        }
        long elapsedNanos = Duration.between(wallAnchor, wall).toNanos();
        return anchor.plusNanos(Math.max(0, Math.round(elapsedNanos * speed)));
    }

    void setSpeed(double factor, Instant wall) {
        anchor = now(wall);
        wallAnchor = wall;
        speed = factor;
    }

    /**
     * Sets the speed, re-anchoring at {@code reached} when the simulation lags the clock by over a second:
     * time the account could not simulate is given up rather than owed.
     */
    void setSpeed(double factor, Instant wall, Instant reached) {
        if (reached.plusSeconds(1).isBefore(now(wall))) {
            anchor = reached;
            wallAnchor = wall;
            speed = factor;
        } else {
            setSpeed(factor, wall);
        }
    }

    void advance(Duration by, Instant wall) {
        anchor = now(wall).plus(by);
        wallAnchor = wall;
    }

    double speed() {
        return speed;
    }

    Instant anchor() {
        return anchor;
    }

    Instant wallAnchor() {
        return wallAnchor;
    }
}
