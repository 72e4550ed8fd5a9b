-- 0008: remote actions. Instants are UTC ticks; ids are UUIDs in their canonical text form.

-- The back office's actions. parameters_key is the parameters in one canonical string (names sorted), so that an
-- identical action still pending is found by index and the second click collapses into it.
CREATE TABLE remote_actions (
    id             TEXT NOT NULL PRIMARY KEY,
    organization   TEXT NOT NULL,
    terminal       TEXT NOT NULL,
    name           TEXT NOT NULL,
    parameters     TEXT NOT NULL,      -- JSON object of strings
    parameters_key TEXT NOT NULL,
    state          INTEGER NOT NULL,   -- RemoteActionState
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    timeout        INTEGER NOT NULL,   -- ticks
    max_attempts   INTEGER NOT NULL,
    attempt        INTEGER NOT NULL DEFAULT 0,
    detail         TEXT,
    output         TEXT,
    uploaded_bytes INTEGER
) WITHOUT ROWID;

-- Newest first per organization (and terminal), pending or done: the keyset paging of the lists.
CREATE INDEX remote_actions_organization ON remote_actions (organization, created_at DESC, id DESC);
CREATE INDEX remote_actions_terminal ON remote_actions (terminal, state, created_at);

-- Every state change with its time.
CREATE TABLE remote_action_history (
    action_id TEXT NOT NULL,
    sequence  INTEGER NOT NULL,
    state     INTEGER NOT NULL,
    at        INTEGER NOT NULL,
    attempt   INTEGER NOT NULL,
    detail    TEXT,
    PRIMARY KEY (action_id, sequence)
) WITHOUT ROWID;

-- The files terminals upload for an action (retrieve-logs' archive), chunk by chunk in order.
CREATE TABLE remote_action_uploads (
    action_id TEXT NOT NULL,
    offset    INTEGER NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (action_id, offset)
) WITHOUT ROWID;

-- The terminal's journal: the actions it received (a delivery twice is one entry), their state here and upload.
CREATE TABLE remote_action_journal (
    id          TEXT NOT NULL PRIMARY KEY,
    delivery    TEXT NOT NULL,         -- JSON of the delivery
    state       INTEGER NOT NULL,      -- RemoteActionEntryState
    attempt     INTEGER NOT NULL DEFAULT 0,
    received_at INTEGER NOT NULL,
    upload_path TEXT,
    uploaded    INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;

-- The terminal's reports waiting for the back office's acknowledgement, in order.
CREATE TABLE remote_action_reports (
    sequence  INTEGER PRIMARY KEY AUTOINCREMENT,
    id        TEXT NOT NULL UNIQUE,
    action_id TEXT NOT NULL,
    final     INTEGER NOT NULL,        -- 1 for an outcome, held while its action uploads
    report    TEXT NOT NULL            -- JSON of the report
);
