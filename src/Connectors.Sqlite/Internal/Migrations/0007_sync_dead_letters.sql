-- 0007: outbox messages no handler accepts. Instants are UTC ticks; message ids are UUIDs in their canonical text form.

-- The back office's dead letters: a message rejected for good, with its reason, written in the same transaction as
-- its sync_inbox row (so a replay finds both, or neither); purged with the inbox records.
CREATE TABLE sync_dead_letters (
    terminal     TEXT NOT NULL,
    message_id   TEXT NOT NULL,
    organization TEXT NOT NULL,
    type         TEXT NOT NULL,
    payload      TEXT NOT NULL,      -- JSON, as the terminal sent it
    reason       TEXT NOT NULL,
    rejected_at  INTEGER NOT NULL,
    PRIMARY KEY (terminal, message_id)
);

CREATE INDEX sync_dead_letters_terminal_rejected_at ON sync_dead_letters (terminal, rejected_at);
CREATE INDEX sync_dead_letters_rejected_at ON sync_dead_letters (rejected_at);

-- The terminal's rejected messages: moved out of sync_outbox, in one transaction, when the back office rejected them.
CREATE TABLE sync_outbox_rejected (
    sequence    INTEGER NOT NULL PRIMARY KEY,   -- its sequence in the outbox
    id          TEXT NOT NULL UNIQUE,
    type        TEXT NOT NULL,
    payload     TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    reason      TEXT NOT NULL,
    rejected_at INTEGER NOT NULL
);
