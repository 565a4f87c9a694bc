-- The simulator's tables. Before Flyway managed them the simulator created the first two itself,
-- hence IF NOT EXISTS: an existing database keeps its credentials and clocks.
CREATE TABLE IF NOT EXISTS sim_credentials (
    access_key_id VARCHAR(128) PRIMARY KEY,
    secret_access_key VARCHAR(128) NOT NULL,
    account_id VARCHAR(12) NOT NULL,
    label VARCHAR(255),
    created_at_millis BIGINT NOT NULL);

CREATE TABLE IF NOT EXISTS sim_account (
    account_id VARCHAR(12) PRIMARY KEY,
    sim_anchor_nanos BIGINT NOT NULL,
    wall_anchor_nanos BIGINT NOT NULL,
    speed DOUBLE PRECISION NOT NULL,
    ticked_to_nanos BIGINT NOT NULL);

-- One row per resource-map entry of a state object (field, entry_key), plus one row for the rest
-- of the object (field = entry_key = ''). seq keeps the map's order across a restart.
CREATE TABLE sim_entry (
    account_id VARCHAR(12) NOT NULL,
    region VARCHAR(64) NOT NULL,
    state_type VARCHAR(255) NOT NULL,
    field VARCHAR(128) NOT NULL,
    entry_key VARCHAR(2048) NOT NULL,
    seq BIGINT NOT NULL,
    body ${textType} NOT NULL,
    PRIMARY KEY (account_id, region, state_type, field, entry_key));
