package org.ecslabs.app.classroom;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Slows down password guessing: {@value #MAX_FAILURES} failed sign-ins for one account, or from one
 * address, within {@link #LOCK} lock that subject for {@link #LOCK}. Stored in the database, so a
 * restart does not reset it. Thread-safe: synchronized read-modify-write (one app per database).
 */
final class SignInThrottle {
    static final int MAX_FAILURES = 10;
    static final Duration LOCK = Duration.ofMinutes(15);

    private record Entry(int failures, Instant windowStart, Instant lockedUntil) {
    }

    private final Sql sql;
    private final Clock clock;

    SignInThrottle(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    static String account(String username) {
        return "account:" + Users.normalized(username);
    }

    static String address(String ip) {
        return "address:" + ip;
    }

    synchronized boolean locked(String... subjects) {
        Instant now = clock.instant();
        for (String subject : subjects) {
            Optional<Entry> entry = entry(subject);
            if (entry.isPresent() && entry.get().lockedUntil() != null && entry.get().lockedUntil().isAfter(now)) {
                return true;
            }
        }
        return false;
    }

    synchronized void failed(String... subjects) {
        Instant now = clock.instant();
        for (String subject : subjects) {
            Optional<Entry> entry = entry(subject);
            boolean fresh = entry.isEmpty() || entry.get().windowStart().plus(LOCK).isBefore(now);
            int failures = fresh ? 1 : entry.get().failures() + 1;
            Instant windowStart = fresh ? now : entry.get().windowStart();
            Instant lockedUntil = failures >= MAX_FAILURES ? now.plus(LOCK) : entry.map(Entry::lockedUntil).orElse(null);
            if (failures >= MAX_FAILURES) {
                // The lock starts a new count: after it, ten more tries.
                failures = 0;
                windowStart = now;
            }
            if (entry.isEmpty()) {
                sql.update("INSERT INTO sign_in_throttle (subject, failures, window_start, locked_until) VALUES (?, ?, ?, ?)",
                        subject, failures, windowStart, lockedUntil);
            } else {
                sql.update("UPDATE sign_in_throttle SET failures = ?, window_start = ?, locked_until = ? WHERE subject = ?",
                        failures, windowStart, lockedUntil, subject);
            }
        }
    }

    /** A right password clears the account's count (not the address's: one right password must not unlock guessing). */
    synchronized void succeeded(String accountSubject) {
        sql.update("DELETE FROM sign_in_throttle WHERE subject = ? AND (locked_until IS NULL OR locked_until < ?)",
                accountSubject, clock.instant());
    }

    private Optional<Entry> entry(String subject) {
        return sql.one("SELECT failures, window_start, locked_until FROM sign_in_throttle WHERE subject = ?",
                rows -> new Entry(rows.getInt(1), Sql.instant(rows, "window_start"), Sql.instant(rows, "locked_until")),
                subject);
    }
}
