-- The signing keys every instance shares (issue 15): one row holding the whole ring as a JWK Set, sealed
-- with AES-256-GCM (a JWE) when the operator gives a key-encryption key. Changes are read-modify-write under
-- the row's lock (SELECT ... FOR UPDATE), so instances rotating at once make one successor, not several.
CREATE TABLE signing_key_ring (
    id         INTEGER         NOT NULL PRIMARY KEY,
    version    BIGINT          NOT NULL,
    ring       VARCHAR(1000000) NOT NULL,
    changed_at TIMESTAMP(6)    NOT NULL
);
