package org.ecslabs.app.classroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.ecslabs.app.store.Database;
import org.ecslabs.simulator.testing.HandClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The throttle on its own, on a manual clock: per account and per address, ten failures lock fifteen minutes. */
class SignInThrottleTest {
    private final Database database = Database.inMemory();
    private final HandClock clock = new HandClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final SignInThrottle throttle = new SignInThrottle(new Sql(database.dataSource()), clock);

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void tenFailuresOfOneAccountLockThatAccountForFifteenMinutes() {
        String ana = SignInThrottle.account("Ana");
        for (int i = 0; i < 9; i++) {
            throttle.failed(ana);
        }
        assertThat(throttle.locked(ana)).isFalse();
        throttle.failed(ana);
        assertThat(throttle.locked(ana)).isTrue();
        assertThat(throttle.locked(SignInThrottle.account("ben"))).isFalse();

        clock.advance(Duration.ofMinutes(14));
        assertThat(throttle.locked(SignInThrottle.account("ANA "))).isTrue();
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(throttle.locked(ana)).isFalse();
    }

    @Test
    void failuresFromOneAddressAddUpAcrossAccounts() {
        String address = SignInThrottle.address("203.0.113.7");
        for (int i = 0; i < 10; i++) {
            throttle.failed(SignInThrottle.account("guess" + i), address);
        }
        assertThat(throttle.locked(SignInThrottle.account("admin"), address)).isTrue();
        assertThat(throttle.locked(SignInThrottle.account("admin"), SignInThrottle.address("198.51.100.1"))).isFalse();
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotLock() {
        String ana = SignInThrottle.account("ana");
        for (int i = 0; i < 20; i++) {
            throttle.failed(ana);
            clock.advance(Duration.ofMinutes(2));
        }
        assertThat(throttle.locked(ana)).isFalse();
    }

    @Test
    void aRightPasswordClearsTheAccountsCountButNotALock() {
        String ana = SignInThrottle.account("ana");
        for (int i = 0; i < 9; i++) {
            throttle.failed(ana);
        }
        throttle.succeeded(ana);
        throttle.failed(ana);
        assertThat(throttle.locked(ana)).isFalse();
        for (int i = 0; i < 9; i++) {
            throttle.failed(ana);
        }
        assertThat(throttle.locked(ana)).isTrue();
        throttle.succeeded(ana);
        assertThat(throttle.locked(ana)).isTrue();
    }
}
