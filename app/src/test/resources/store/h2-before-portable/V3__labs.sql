-- Lab check runs, per learner: every press of "Check" is kept, so that a learner's progress
-- (the latest run of each lab) and an instructor's view of a class can both be derived.
-- learner is the app's learner key (in solo mode a fixed one); no foreign key, so that the
-- labs feature does not depend on how accounts are stored.
CREATE TABLE lab_check_run (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    learner     VARCHAR(200) NOT NULL,
    lab_id      VARCHAR(100) NOT NULL,
    step_number INT,
    passed      INT NOT NULL,
    total       INT NOT NULL,
    checks_json CLOB NOT NULL,
    checked_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX lab_check_run_by_learner ON lab_check_run (learner, lab_id, checked_at);
