package org.ecslabs.simulator.engine;

import java.time.Instant;

/**
 * A simulated AWS account and the one key pair that signs for it.
 *
 * @param accountId       twelve digits
 * @param label           what the operator called it (a student's name, say)
 * @param accessKeyId     AKIA... (or {@code test} for the solo account)
 * @param secretAccessKey the secret; never shown back once handed out
 * @param createdAt       wall-clock creation time
 */
public record Account(String accountId, String label, String accessKeyId, String secretAccessKey, Instant createdAt) {

    /** Leaves the secret out, so that a log line or an error message never carries it. */
    @Override
    public String toString() {
        return "Account[" + accountId + ", " + label + ", " + accessKeyId + "]";
    }
}
