package org.ecslabs.app.classroom;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Classes, their join codes and their members. A join code is 12 characters from a 31-letter
 * alphabet without look-alikes (about 2^59 codes): unguessable, yet easy to read out in a room; it
 * can be rotated (the old one stops working) or closed. Thread-safe: the database is the state.
 */
public final class Classes {
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ2345679";
    private static final int CODE_LENGTH = 12;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "c.id, c.name, c.owner_id, c.join_code, c.created_at";

    /** A class; {@code code} is null when joining is closed. */
    public record ClassInfo(String id, String name, String ownerId, String code, Instant createdAt) {
    }

    /** A member of a class and when they joined. */
    public record Member(User user, Instant joinedAt) {
    }

    private final Sql sql;
    private final Clock clock;

    Classes(Sql sql, Clock clock) {
        this.sql = sql;
        this.clock = clock;
    }

    public ClassInfo create(String name, User owner) {
        String clean = name == null ? "" : name.strip();
        if (clean.isEmpty() || clean.length() > 200 || clean.chars().anyMatch(Character::isISOControl)) {
            throw Refusal.badRequest("Enter a class name of 1 to 200 characters.");
        }
        ClassInfo created = new ClassInfo(UUID.randomUUID().toString(), clean, owner.id(), newCode(), clock.instant());
        sql.update("INSERT INTO course_class (id, name, owner_id, join_code, created_at) VALUES (?, ?, ?, ?, ?)",
                created.id(), created.name(), created.ownerId(), created.code(), created.createdAt());
        return created;
    }

    public Optional<ClassInfo> byId(String id) {
        return sql.one("SELECT " + COLUMNS + " FROM course_class c WHERE c.id = ?", Classes::info, id);
    }

    /** The open class with this code; spaces, dashes and case do not matter. */
    Optional<ClassInfo> byCode(String code) {
        String clean = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (clean.length() != CODE_LENGTH) {
            return Optional.empty();
        }
        return sql.one("SELECT " + COLUMNS + " FROM course_class c WHERE c.join_code = ?", Classes::info, clean);
    }

    /** A new code; the old one stops working. */
    String rotateCode(String classId) {
        String code = newCode();
        sql.update("UPDATE course_class SET join_code = ? WHERE id = ?", code, classId);
        return code;
    }

    void closeCode(String classId) {
        sql.update("UPDATE course_class SET join_code = NULL WHERE id = ?", classId);
    }

    /** Adds the person to the class; joining twice changes nothing. */
    void join(String classId, User user) {
        boolean member = sql.one("SELECT COUNT(*) FROM class_member WHERE class_id = ? AND user_id = ?",
                rows -> rows.getInt(1), classId, user.id()).orElse(0) > 0;
        if (!member) {
            sql.update("INSERT INTO class_member (class_id, user_id, joined_at) VALUES (?, ?, ?)", classId, user.id(),
                    clock.instant());
        }
    }

    /** The classes a person belongs to (students) or teaches (instructors); an admin sees every class. */
    public List<ClassInfo> of(User user) {
        if (user.role() == Role.ADMIN) {
            return sql.list("SELECT " + COLUMNS + " FROM course_class c ORDER BY c.created_at", Classes::info);
        }
        return sql.list("SELECT " + COLUMNS + " FROM course_class c WHERE c.owner_id = ? OR c.id IN"
                + " (SELECT class_id FROM class_member WHERE user_id = ?) ORDER BY c.created_at", Classes::info,
                user.id(), user.id());
    }

    /** May this person see the class's roster and report and manage it: its owner, or an admin. */
    public boolean teaches(User user, ClassInfo info) {
        return user.role() == Role.ADMIN || (user.role().teaches() && info.ownerId().equals(user.id()));
    }

    /** Is the student in a class this person teaches (or is the person an admin)? */
    public boolean teachesStudent(User teacher, User student) {
        if (teacher.role() == Role.ADMIN) {
            return true;
        }
        return teacher.role().teaches() && sql.one("SELECT COUNT(*) FROM class_member m JOIN course_class c"
                + " ON c.id = m.class_id WHERE m.user_id = ? AND c.owner_id = ?", rows -> rows.getInt(1),
                student.id(), teacher.id()).orElse(0) > 0;
    }

    public List<Member> members(String classId) {
        return sql.list("SELECT u.id, u.username, u.display_name, u.role, u.learner_id, u.last_active_at, m.joined_at"
                + " FROM class_member m JOIN app_user u ON u.id = m.user_id WHERE m.class_id = ?"
                + " ORDER BY u.display_name, u.username", rows -> new Member(Users.user(rows),
                Sql.instant(rows, "joined_at")), classId);
    }

    private static ClassInfo info(ResultSet rows) throws SQLException {
        return new ClassInfo(rows.getString("id"), rows.getString("name"), rows.getString("owner_id"),
                rows.getString("join_code"), Sql.instant(rows, "created_at"));
    }

    private static String newCode() {
        StringBuilder code = new StringBuilder(CODE_LENGTH);
        for (int i = 0; i < CODE_LENGTH; i++) {
            code.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return code.toString();
    }
}
