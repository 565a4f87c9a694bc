-- A learner's choice of lab back end and, for a real AWS account, the credentials they entered.
-- The access key id, secret and session token are one AES-GCM ciphertext (key in the data folder,
-- random 96-bit IV per row); only the region and the key id's last 4 characters are kept readable,
-- so a page can say which keys are stored without decrypting. No row: the built-in simulator.
CREATE TABLE lab_backend (
    learner    VARCHAR(200) PRIMARY KEY,
    use_real   BOOLEAN NOT NULL,
    region     VARCHAR(40) NOT NULL,
    key_hint   VARCHAR(4) NOT NULL,
    iv         BYTEA NOT NULL,
    ciphertext BYTEA NOT NULL,
    updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
