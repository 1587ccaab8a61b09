-- Deleting an account deletes its sessions in the same statement (ON DELETE CASCADE), so a login that
-- opens a session while the account is being deleted cannot leave a session behind or block the delete.
-- The table is rebuilt because V1's foreign key has no name that both H2 and PostgreSQL would share.
CREATE TABLE sessions_v2 (
    id                      VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id                 VARCHAR(36)  NOT NULL,
    created_at              TIMESTAMP(6) NOT NULL,
    expires_at              TIMESTAMP(6) NOT NULL,
    revoked_at              TIMESTAMP(6),
    refresh_digest          VARCHAR(64)  NOT NULL,
    previous_refresh_digest VARCHAR(64),
    rotated_at              TIMESTAMP(6),
    CONSTRAINT fk_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

INSERT INTO sessions_v2 (id, user_id, created_at, expires_at, revoked_at, refresh_digest, previous_refresh_digest, rotated_at)
SELECT id, user_id, created_at, expires_at, revoked_at, refresh_digest, previous_refresh_digest, rotated_at FROM sessions;

DROP TABLE sessions;
ALTER TABLE sessions_v2 RENAME TO sessions;

-- Also serves last_login: the newest session of a user is its last successful login.
CREATE INDEX ix_sessions_user ON sessions (user_id, created_at);
