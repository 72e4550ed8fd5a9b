-- 0005: the sync exchange. Instants are UTC ticks; message ids are UUIDs in their canonical text form.

-- The terminal's outbox: AUTOINCREMENT so that a sequence is never reused, even once every message was acknowledged.
CREATE TABLE sync_outbox (
    sequence   INTEGER PRIMARY KEY AUTOINCREMENT,
    id         TEXT NOT NULL UNIQUE,
    type       TEXT NOT NULL,
    payload    TEXT NOT NULL,        -- JSON
    created_at INTEGER NOT NULL
);

-- The back office's inbox: one row per applied message; the primary key is what deduplicates a message sent twice.
CREATE TABLE sync_inbox (
    terminal     TEXT NOT NULL,
    message_id   TEXT NOT NULL,
    organization TEXT NOT NULL,
    received_at  INTEGER NOT NULL,
    PRIMARY KEY (terminal, message_id)
);

CREATE INDEX sync_inbox_received_at ON sync_inbox (received_at);

-- The back office's terminals and their credentials: the SHA-256 of the secret, never the secret.
CREATE TABLE sync_terminal_credentials (
    terminal     TEXT NOT NULL PRIMARY KEY,
    organization TEXT NOT NULL,
    secret_hash  TEXT NOT NULL,
    issued_at    INTEGER NOT NULL,
    revoked_at   INTEGER
) WITHOUT ROWID;
