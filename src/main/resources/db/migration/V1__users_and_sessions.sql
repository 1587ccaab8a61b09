-- One schema for H2 and PostgreSQL: only types and constraints both understand.
CREATE TABLE users (
    id            VARCHAR(36)   NOT NULL PRIMARY KEY,
    username      VARCHAR(1024) NOT NULL,
    username_key  VARCHAR(1024) NOT NULL,
    password_hash VARCHAR(512)  NOT NULL,
    active        BOOLEAN       NOT NULL,
    date_joined   TIMESTAMP(6)  NOT NULL,
    CONSTRAINT uk_users_username_key UNIQUE (username_key)
);

CREATE TABLE sessions (
    id                      VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id                 VARCHAR(36)  NOT NULL REFERENCES users (id),
    created_at              TIMESTAMP(6) NOT NULL,
    expires_at              TIMESTAMP(6) NOT NULL,
    revoked_at              TIMESTAMP(6),
    refresh_digest          VARCHAR(64)  NOT NULL,
    previous_refresh_digest VARCHAR(64),
    rotated_at              TIMESTAMP(6)
);

CREATE INDEX ix_sessions_user ON sessions (user_id);
