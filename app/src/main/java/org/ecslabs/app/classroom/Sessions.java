package org.ecslabs.app.classroom;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Sign-in sessions, stored in the database so that they survive a restart. The browser holds a
 * random 256-bit token; the table holds its SHA-256 only. A session unused for {@link #IDLE} ends.
 * Thread-safe: the database is the state.
 */
public final class Sessions {
    public static final Duration IDLE = Duration.ofHours(12);
    /** last_seen is written at most this often, so that every request does not write. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Sql sql;
    private final Users users;
    private final Clock clock;

    Sessions(Sql sql, Users users, Clock clock) {
        this.sql = sql;
        this.users = users;
        this.clock = clock;
    }

    /** A new session for the user; the returned token goes in the cookie and nowhere else. */
    String start(User user) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant();
        sql.update("INSERT INTO user_session (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
                hash(token), user.id(), now, now);
        users.touch(user.id(), now);
        return token;
    }

    /** The signed-in user of a token, if the session exists and has not been idle too long. */
    Optional<User> user(String token) {
        if (token == null || !token.matches("[A-Za-z0-9_-]{43}")) {
            return Optional.empty();
        }
        String hash = hash(token);
        record Found(String userId, Instant lastSeen) {
        }
        Optional<Found> found = sql.one("SELECT user_id, last_seen_at FROM user_session WHERE token_hash = ?",
                rows -> new Found(rows.getString(1), Sql.instant(rows, "last_seen_at")), hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (found.get().lastSeen().plus(IDLE).isBefore(now)) {
            sql.update("DELETE FROM user_session WHERE token_hash = ?", hash);
            return Optional.empty();
        }
        if (found.get().lastSeen().plus(TOUCH_EVERY).isBefore(now)) {
            sql.update("UPDATE user_session SET last_seen_at = ? WHERE token_hash = ?", now, hash);
            users.touch(found.get().userId(), now);
        }
        return users.byId(found.get().userId());
    }

    void end(String token) {
        if (token != null) {
            sql.update("DELETE FROM user_session WHERE token_hash = ?", hash(token));
        }
    }

    /** Ends the user's other sessions (after a password change). */
    void endOthers(User user, String keep) {
        sql.update("DELETE FROM user_session WHERE user_id = ? AND token_hash <> ?", user.id(), hash(keep == null ? "" : keep));
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
