package org.ecslabs.app.classroom;

import java.util.Locale;

/** What a person may do. An admin may do everything an instructor may, and create instructors. */
public enum Role {
    ADMIN, INSTRUCTOR, STUDENT;

    /** Instructors and admins create classes and see their reports. */
    public boolean teaches() {
        return this != STUDENT;
    }

    /** The stored and JSON spelling: admin, instructor, student. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Role of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }
}
