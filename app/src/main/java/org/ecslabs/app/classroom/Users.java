package org.ecslabs.app.classroom;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The people who sign in: created with their learner row and their own simulator account in one
 * go, looked up by user name, their passwords checked and changed. Thread-safe: the database is the state.
 */
public final class Users {
    private static final String COLUMNS = "id, username, display_name, role, learner_id, last_active_at";

    private final Sql sql;
    private final Sandboxes sandboxes;
    private final Clock clock;

    Users(Sql sql, Sandboxes sandboxes, Clock clock) {
        this.sql = sql;
        this.sandboxes = sandboxes;
        this.clock = clock;
    }

    /**
     * Creates a person, their learner row and their simulator account. {@link Refusal} (400) for a
     * name or password that will not do, (409) for a user name already taken.
     */
    public User create(String username, String name, Role role, String password) {
        String login = normalized(username);
        String usernameProblem = usernameProblem(login);
        if (usernameProblem != null) {
            throw Refusal.badRequest(usernameProblem);
        }
        String display = name == null ? "" : name.strip();
        if (display.isEmpty() || display.length() > 200 || display.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.badRequest("Enter a name of 1 to 200 characters.");
        }
        String passwordProblem = Passwords.problem(password);
        if (passwordProblem != null) {
            throw Refusal.badRequest(passwordProblem);
        }
        if (byUsername(login).isPresent()) {
            throw new Refusal(409, "The user name '" + login + "' is taken; choose another one.");
        }
        String id = UUID.randomUUID().toString();
        String hash = Passwords.hash(password);
        Instant now = clock.instant();
        Sandboxes.Keys keys = sandboxes.newAccount(login);
        try {
            sql.transaction(connection -> {
                Sql.update(connection, "INSERT INTO learner (id, display_name) VALUES (?, ?)", id, display);
                Sql.update(connection, "INSERT INTO app_user (id, username, display_name, role, learner_id, password_hash,"
                        + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", id, login, display, role.id(), id, hash, now);
                sandboxes.store(connection, id, keys, now);
                return null;
            });
        } catch (IllegalStateException e) {
            // Two people took the same name at the same moment: the unique index decided.
            if (byUsername(login).isPresent()) {
                throw new Refusal(409, "The user name '" + login + "' is taken; choose another one.");
            }
            throw e;
        }
        return new User(id, login, display, role, id, null);
    }

    public Optional<User> byUsername(String username) {
        return sql.one("SELECT " + COLUMNS + " FROM app_user WHERE username = ?", Users::user, normalized(username));
    }

    public Optional<User> byId(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM app_user WHERE id = ?", Users::user, id);
    }

    /** The person, if the password is theirs. Takes as long for an unknown name as for a wrong password. */
    Optional<User> authenticate(String username, String password) {
        Optional<String> hash = sql.one("SELECT password_hash FROM app_user WHERE username = ?",
                rows -> rows.getString(1), normalized(username));
        if (hash.isEmpty()) {
            Passwords.burn(password);
            return Optional.empty();
        }
        return Passwords.matches(password, hash.get()) ? byUsername(username) : Optional.empty();
    }

    /** Sets a new password; {@link Refusal} if the current one is wrong or the new one will not do. */
    void changePassword(User user, String current, String replacement) {
        if (authenticate(user.username(), current).isEmpty()) {
            throw Refusal.badRequest("Your current password is not right.");
        }
        String problem = Passwords.problem(replacement);
        if (problem != null) {
            throw Refusal.badRequest(problem);
        }
        sql.update("UPDATE app_user SET password_hash = ? WHERE id = ?", Passwords.hash(replacement), user.id());
    }

    boolean anyAdmin() {
        return sql.one("SELECT COUNT(*) FROM app_user WHERE role = 'admin'", rows -> rows.getInt(1)).orElse(0) > 0;
    }

    /** Everyone with a role, by name. */
    public List<User> withRole(Role role) {
        return sql.list("SELECT " + COLUMNS + " FROM app_user WHERE role = ? ORDER BY display_name, username",
                Users::user, role.id());
    }

    void touch(String userId, Instant when) {
        sql.update("UPDATE app_user SET last_active_at = ? WHERE id = ?", when, userId);
    }

    static User user(ResultSet rows) throws SQLException {
        return new User(rows.getString("id"), rows.getString("username"), rows.getString("display_name"),
                Role.of(rows.getString("role")), rows.getString("learner_id"), Sql.instant(rows, "last_active_at"));
    }

    static String normalized(String username) {
        return username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    }

    private static String usernameProblem(String login) {
        if (login.length() < 3 || login.length() > 200 || !login.matches("[a-z0-9._@+-]+")) {
            return "Choose a user name (or e-mail address) of 3 to 200 letters, digits and . _ @ + -";
        }
        return null;
    }
}
