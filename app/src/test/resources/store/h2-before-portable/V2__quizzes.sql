-- Every answer a learner gives, in any mode: the raw record behind stats and weak areas.
CREATE TABLE quiz_response (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    learner_id  VARCHAR(64)  NOT NULL,
    question_id VARCHAR(128) NOT NULL,
    mode        VARCHAR(16)  NOT NULL,
    selected    VARCHAR(64)  NOT NULL,
    correct     BOOLEAN      NOT NULL,
    answered_at TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX quiz_response_learner ON quiz_response (learner_id, answered_at);

-- A timed exam. The deadline is fixed at the start so a refresh or a restart keeps the time left.
CREATE TABLE exam_session (
    id            VARCHAR(36)  PRIMARY KEY,
    learner_id    VARCHAR(64)  NOT NULL,
    blueprint_id  VARCHAR(128) NOT NULL,
    question_ids  CLOB         NOT NULL,
    option_orders CLOB         NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    deadline      TIMESTAMP WITH TIME ZONE NOT NULL,
    submitted_at  TIMESTAMP WITH TIME ZONE,
    correct       INT,
    total         INT,
    scaled_score  INT,
    passed        BOOLEAN
);
CREATE INDEX exam_session_learner ON exam_session (learner_id, started_at);

CREATE TABLE exam_answer (
    session_id  VARCHAR(36)  NOT NULL REFERENCES exam_session (id) ON DELETE CASCADE,
    question_id VARCHAR(128) NOT NULL,
    selected    VARCHAR(64)  NOT NULL,
    flagged     BOOLEAN      NOT NULL,
    PRIMARY KEY (session_id, question_id)
);

-- The spaced-repetition schedule (SM-2) of each question a learner has missed.
CREATE TABLE review_card (
    learner_id    VARCHAR(64)  NOT NULL,
    question_id   VARCHAR(128) NOT NULL,
    repetitions   INT          NOT NULL,
    interval_days INT          NOT NULL,
    ease          DOUBLE       NOT NULL,
    due           DATE         NOT NULL,
    PRIMARY KEY (learner_id, question_id)
);
