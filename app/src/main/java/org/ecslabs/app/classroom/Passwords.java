package org.ecslabs.app.classroom;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/**
 * Password hashing with Argon2id (Password4j), at OWASP's recommended minimum: 19 MiB of memory,
 * 2 iterations, 1 lane, a random 16-byte salt. The result is a standard PHC string that carries its
 * own parameters, so stronger settings later still verify older hashes. Thread-safe: stateless.
 */
final class Passwords {
    static final int MIN_LENGTH = 10;
    static final int MAX_LENGTH = 200;
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    /** Verified when a user name is unknown, so that both answers take the same time. */
    private static final String DUMMY = hash("not-a-password-of-anyone");

    private Passwords() {
    }

    static String hash(String password) {
        return Password.hash(password).addRandomSalt(16).with(ARGON2).getResult();
    }

    static boolean matches(String password, String hash) {
        return password != null && hash != null && Password.check(password, hash).with(ARGON2);
    }

    /** Spends the time a check takes, for an unknown user name. */
    static void burn(String password) {
        matches(password == null ? "" : password, DUMMY);
    }

    /** Why a new password is not acceptable, or null. */
    static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "Choose a password of at least " + MIN_LENGTH + " characters.";
        }
        if (password.length() > MAX_LENGTH) {
            return "Choose a password of at most " + MAX_LENGTH + " characters.";
        }
        return null;
    }
}
