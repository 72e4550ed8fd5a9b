-- 0009: terminal status (the heartbeat of each exchange) and the sync errors terminals reported. Instants are UTC
-- ticks, periods ticks.

-- The latest status per terminal: one row each, replaced by every heartbeat.
CREATE TABLE status_terminals (
    terminal            TEXT NOT NULL PRIMARY KEY,
    organization        TEXT NOT NULL,
    application_version TEXT NOT NULL,
    version_key         TEXT,             -- the version padded so that it sorts as a version (NULL: not a version)
    last_update         INTEGER,
    last_sync           INTEGER,
    last_error          TEXT,             -- NULL when the last exchange succeeded
    outbox_depth        INTEGER NOT NULL,
    oldest_unsent       INTEGER,          -- the age of the oldest unsent message
    sync_interval       INTEGER,          -- NULL: StatusOptions.DefaultSyncInterval
    received_at         INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX status_terminals_organization ON status_terminals (organization, terminal);

-- The history of sync errors, bounded per terminal on insert (StatusOptions.MaxErrorsPerTerminal) and purged by age.
CREATE TABLE status_sync_errors (
    id           INTEGER PRIMARY KEY,
    terminal     TEXT NOT NULL,
    organization TEXT NOT NULL,
    received_at  INTEGER NOT NULL,
    error        TEXT NOT NULL
);

CREATE INDEX status_sync_errors_terminal ON status_sync_errors (terminal, id);
CREATE INDEX status_sync_errors_received_at ON status_sync_errors (received_at);
