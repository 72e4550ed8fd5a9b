-- 0006: change tracking of the host's own tables (AddSyncTables), its retention, and the terminal's side of a full
-- re-initialisation. The first four tables were created at start-up by earlier builds (CREATE TABLE IF NOT EXISTS,
-- outside the numbered migrations) with these same definitions: a file that has them keeps them and their rows.
-- The per-table triggers depend on the host's declaration and are still generated at start-up (SqliteChangeTracking).

-- One row per tracked row (the latest change replaces the row's earlier one); deleted = 1 is a tombstone.
CREATE TABLE IF NOT EXISTS sync_changes (
    version      INTEGER PRIMARY KEY AUTOINCREMENT,  -- never reused: the checkpoint order
    table_name   TEXT NOT NULL,
    row_key      TEXT NOT NULL,                      -- json_array of the key columns
    organization TEXT,
    terminal     TEXT,                               -- the row's terminal column, when the table has one
    deleted      INTEGER NOT NULL                    -- 1: a tombstone
);
CREATE UNIQUE INDEX IF NOT EXISTS sync_changes_row ON sync_changes (table_name, row_key, organization);
CREATE INDEX IF NOT EXISTS sync_changes_organization ON sync_changes (organization, version);

-- The declaration each table's triggers were generated from: a different one re-creates them and logs every row again.
CREATE TABLE IF NOT EXISTS sync_change_tables (
    table_name TEXT NOT NULL PRIMARY KEY,
    definition TEXT NOT NULL
) WITHOUT ROWID;

-- The terminal's checkpoint per organization, written in the transaction of the batch it covers.
CREATE TABLE IF NOT EXISTS sync_change_checkpoints (
    organization TEXT NOT NULL PRIMARY KEY,
    checkpoint   INTEGER NOT NULL
) WITHOUT ROWID;

-- The back office's connector configurations per terminal: desired version and settings, and the version reported.
CREATE TABLE IF NOT EXISTS sync_terminal_configurations (
    terminal         TEXT NOT NULL PRIMARY KEY,
    version          INTEGER NOT NULL,
    sync_interval_ms INTEGER,
    settings         TEXT NOT NULL,  -- JSON object
    reported_version INTEGER,
    reported_at      INTEGER         -- UTC ticks
) WITHOUT ROWID;

-- Retention (back office). Each pass records the highest version at its time (UTC ticks); a tombstone is purged once
-- a mark at least the retention old covers it. The triggers run on the host's connections, which know nothing of
-- PosFleet's clock, so the age of a change is read from these marks rather than stamped on the row.
CREATE TABLE sync_change_marks (
    at      INTEGER NOT NULL PRIMARY KEY,
    version INTEGER NOT NULL
) WITHOUT ROWID;

-- The highest version of a purged tombstone: a terminal whose checkpoint is below it may have missed a delete, and
-- is re-initialised instead of served incrementally (SQL Server change tracking's "minimum valid version").
CREATE TABLE sync_change_horizon (
    id                INTEGER PRIMARY KEY CHECK (id = 1),
    min_valid_version INTEGER NOT NULL
);
INSERT INTO sync_change_horizon (id, min_valid_version) VALUES (1, 0);

CREATE INDEX sync_changes_tombstones ON sync_changes (version) WHERE deleted = 1;

-- A full re-initialisation under way on a terminal: the checkpoint its last batch ended at, and the keys of the rows
-- the back office sent; when the last batch is in, the local rows of the organization not among them are removed.
CREATE TABLE sync_change_reinit (
    organization TEXT NOT NULL PRIMARY KEY,
    cursor       INTEGER NOT NULL
) WITHOUT ROWID;

CREATE TABLE sync_change_reinit_keys (
    organization TEXT NOT NULL,
    table_name   TEXT NOT NULL,
    row_key      TEXT NOT NULL,
    PRIMARY KEY (organization, table_name, row_key)
) WITHOUT ROWID;
