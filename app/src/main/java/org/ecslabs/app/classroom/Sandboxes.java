package org.ecslabs.app.classroom;

import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.ecslabs.app.aws.Backend;
import org.ecslabs.simulator.engine.Account;
import org.ecslabs.simulator.engine.Accounts;

/**
 * Each learner's own simulator account (classroom mode): created with the person through the
 * simulator's {@link Accounts}, remembered in {@code learner_sandbox}, and turned into the
 * {@link Backend} their checks, console and clean-ups use. The app calls its own {@code /aws}
 * endpoint over loopback with the learner's keys, so the simulator's signature check and account
 * separation apply to the app exactly as to the learner's own CLI. Thread-safe: no mutable state.
 */
public final class Sandboxes {
    public static final String REGION = "us-east-1";

    /** A learner's simulator account and key pair; {@link #toString()} leaves the secret out. */
    public record Keys(String accountId, String accessKeyId, String secretAccessKey) {
        @Override
        public String toString() {
            return "Keys[" + accountId + ", " + accessKeyId + "]";
        }
    }

    private final Sql sql;
    private final Accounts accounts;

    Sandboxes(Sql sql, Accounts accounts) {
        this.sql = sql;
        this.accounts = accounts;
    }

    Keys newAccount(String label) {
        Account account = accounts.create(label);
        return new Keys(account.accountId(), account.accessKeyId(), account.secretAccessKey());
    }

    void store(Connection connection, String learnerId, Keys keys, Instant now) throws SQLException {
        Sql.update(connection, "INSERT INTO learner_sandbox (learner_id, account_id, access_key_id, created_at)"
                + " VALUES (?, ?, ?, ?)", learnerId, keys.accountId(), keys.accessKeyId(), now);
    }

    /** The learner's account and keys, if they have one. */
    public Optional<Keys> keys(String learnerId) {
        return sql.one("SELECT access_key_id FROM learner_sandbox WHERE learner_id = ?", rows -> rows.getString(1), learnerId)
                .flatMap(accounts::byAccessKey)
                .map(account -> new Keys(account.accountId(), account.accessKeyId(), account.secretAccessKey()));
    }

    /** The learner's simulator as a back end on this app's own {@code /aws}, reached over loopback on {@code port}. */
    public Backend backend(String learnerId, int port) {
        Keys keys = keys(learnerId).orElseThrow(() -> new Refusal(409,
                "Your sandbox is missing; ask your instructor to reset it."));
        return Backend.endpoint(URI.create("http://127.0.0.1:" + port + "/aws"), REGION, keys.accessKeyId(),
                keys.secretAccessKey());
    }
}
