-- Classroom mode: people who sign in, their sessions, classes and the simulator account each
-- learner works in. Portable SQL (H2 and PostgreSQL): no MERGE, no AUTO_INCREMENT, no CLOB.

-- A person who signs in. Every user is also a learner (the key progress, quiz answers, lab runs
-- and the real-AWS vault entry are stored under), so an instructor can try a lab like a student.
-- username is stored lower-case; password_hash is an Argon2id PHC string.
CREATE TABLE app_user (
    id             VARCHAR(36)  PRIMARY KEY,
    username       VARCHAR(200) NOT NULL UNIQUE,
    display_name   VARCHAR(200) NOT NULL,
    role           VARCHAR(16)  NOT NULL CHECK (role IN ('admin', 'instructor', 'student')),
    learner_id     VARCHAR(64)  NOT NULL UNIQUE REFERENCES learner (id) ON DELETE CASCADE,
    password_hash  VARCHAR(255) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    last_active_at TIMESTAMP WITH TIME ZONE
);

-- A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a copy of
-- the database does not let anyone sign in. Idle sessions expire (checked against last_seen_at).
CREATE TABLE user_session (
    token_hash   VARCHAR(64) PRIMARY KEY,
    user_id      VARCHAR(36) NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX user_session_by_user ON user_session (user_id);

-- Failed sign-ins per subject ('account:<username>' or 'address:<ip>'): the count within the
-- current window and, after too many, until when the subject is locked.
CREATE TABLE sign_in_throttle (
    subject      VARCHAR(300) PRIMARY KEY,
    failures     INT          NOT NULL,
    window_start TIMESTAMP WITH TIME ZONE NOT NULL,
    locked_until TIMESTAMP WITH TIME ZONE
);

-- A class an instructor teaches. join_code is null when joining is closed.
CREATE TABLE course_class (
    id         VARCHAR(36)  PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    owner_id   VARCHAR(36)  NOT NULL REFERENCES app_user (id),
    join_code  VARCHAR(32)  UNIQUE,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX course_class_by_owner ON course_class (owner_id);

-- Who is in which class, since when.
CREATE TABLE class_member (
    class_id  VARCHAR(36) NOT NULL REFERENCES course_class (id) ON DELETE CASCADE,
    user_id   VARCHAR(36) NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    joined_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (class_id, user_id)
);
CREATE INDEX class_member_by_user ON class_member (user_id);

-- The simulator account a learner works in: its id and access key id. The secret stays with the
-- simulator's own account record (sim_ tables), which also survives a restart.
CREATE TABLE learner_sandbox (
    learner_id    VARCHAR(64)  PRIMARY KEY REFERENCES learner (id) ON DELETE CASCADE,
    account_id    VARCHAR(12)  NOT NULL,
    access_key_id VARCHAR(128) NOT NULL UNIQUE,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);
