-- A learner is whoever progress belongs to. Solo mode has exactly one, 'local';
-- classroom mode adds one row per student.
CREATE TABLE learner (
    id           VARCHAR(64)  PRIMARY KEY,
    display_name VARCHAR(200) NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);

INSERT INTO learner (id, display_name) VALUES ('local', 'You');

-- One row per lesson a learner marked as complete. Lessons live in Markdown files, so the
-- slug is a plain value rather than a foreign key.
CREATE TABLE lesson_progress (
    learner_id   VARCHAR(64)  NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
    lesson_slug  VARCHAR(200) NOT NULL,
    completed_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (learner_id, lesson_slug)
);
