-- 0016: change tracking of the host's own tables (AddSyncTables) on a back office, and its retention. The per-table
-- trigger functions depend on the host's declaration and are generated at start-up (PostgreSqlChangeTracking).

-- One row per tracked row (a row's latest change replaces its earlier one); deleted is a tombstone. A trigger writes
-- it with position NULL; the exporter hands out positions only to changes it reads as committed (PostgreSqlChangeStamp),
-- so a transaction that commits after a later one can never fall behind a terminal's checkpoint.
CREATE SEQUENCE sync_change_writes;
CREATE TABLE sync_changes (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    table_name   text NOT NULL,
    row_key      text NOT NULL,                 -- json_build_array of the key columns
    organization text NOT NULL,                 -- '' for a row without one (never exported)
    terminal     text,                          -- the row's terminal column, when the table has one
    deleted      boolean NOT NULL,              -- a tombstone
    seq          bigint NOT NULL DEFAULT nextval('sync_change_writes'),  -- write order: a write that waited on another comes after it
    position     bigint,                        -- the checkpoint order; NULL until read as committed
    UNIQUE (table_name, row_key, organization)
);
CREATE INDEX sync_changes_organization ON sync_changes (organization, position) WHERE position IS NOT NULL;
CREATE INDEX sync_changes_pending ON sync_changes (seq) WHERE position IS NULL;
CREATE INDEX sync_changes_tombstones ON sync_changes (position) WHERE deleted AND position IS NOT NULL;

-- The declaration each table's trigger was generated from: a different one re-creates it and logs every row again.
CREATE TABLE sync_change_tables (
    table_name text PRIMARY KEY,
    definition text NOT NULL
);

-- The last position handed out (its row lock orders the exporters handing them out) and the highest position of a
-- purged tombstone: a terminal whose checkpoint is below it may have missed a delete and is re-initialised.
CREATE TABLE sync_change_state (
    id                 integer PRIMARY KEY CHECK (id = 1),
    last_position      bigint NOT NULL,
    min_valid_position bigint NOT NULL
);
INSERT INTO sync_change_state (id, last_position, min_valid_position) VALUES (1, 0, 0);

-- Retention: each pass records the last position at its time (UTC ticks); a tombstone is purged once a mark at least
-- the retention old covers it (the triggers run in the host's transactions, which know nothing of PosFleet's clock).
CREATE TABLE sync_change_marks (
    at       bigint PRIMARY KEY,
    position bigint NOT NULL
);

-- TRUNCATE fires no row trigger: every row of the table the log holds becomes a tombstone.
CREATE FUNCTION sync_changes_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE sync_changes SET deleted = true, seq = nextval('sync_change_writes'), position = NULL
    WHERE table_name = TG_ARGV[0] AND NOT deleted;
    RETURN NULL;
END
$$;
