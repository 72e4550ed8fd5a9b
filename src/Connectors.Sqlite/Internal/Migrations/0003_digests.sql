-- 0003: digest subscriptions and the run ledger (one run per subscription, window and test id).

CREATE TABLE digest_subscriptions (
    id           TEXT NOT NULL PRIMARY KEY,
    name         TEXT NOT NULL,
    active       INTEGER NOT NULL,
    test_mode    INTEGER NOT NULL,
    recipients   TEXT NOT NULL,      -- one address per line
    threshold    INTEGER NOT NULL,
    kinds        TEXT,               -- comma-separated LogKind numbers; NULL = every kind
    organization TEXT,
    terminal     TEXT,
    send_time    INTEGER NOT NULL,   -- TimeOnly ticks
    time_zone    TEXT NOT NULL,
    window       INTEGER NOT NULL,   -- TimeSpan ticks
    culture      TEXT NOT NULL
) WITHOUT ROWID;

-- Instants are UTC ticks. The test id of a window's own digest is '' (not NULL), so that the unique index catches
-- a second claim of the same window.
CREATE TABLE digest_runs (
    id              INTEGER PRIMARY KEY,
    subscription_id TEXT NOT NULL,
    window_start    INTEGER NOT NULL,
    window_end      INTEGER NOT NULL,
    test_id         TEXT NOT NULL DEFAULT '',
    trigger         INTEGER NOT NULL,
    status          INTEGER NOT NULL,
    count           INTEGER,
    threshold       INTEGER NOT NULL,
    attempts        INTEGER NOT NULL,
    owner           TEXT NOT NULL,
    lease_until     INTEGER NOT NULL,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    next_attempt_at INTEGER,
    error           TEXT
);

CREATE UNIQUE INDEX digest_runs_key ON digest_runs (subscription_id, window_start, window_end, test_id);
CREATE INDEX digest_runs_latest ON digest_runs (window_end DESC, created_at DESC);

CREATE TABLE digest_run_recipients (
    run_id          INTEGER NOT NULL REFERENCES digest_runs (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    recipient       TEXT NOT NULL,
    status          INTEGER NOT NULL,
    attempts        INTEGER NOT NULL,
    reason          TEXT,
    last_attempt_at INTEGER,
    PRIMARY KEY (run_id, position)
) WITHOUT ROWID;
