-- 0004: terminal status (the heartbeat of each exchange) and the sync errors terminals reported. Instants are UTC
-- .NET ticks, periods ticks.

-- The latest status per terminal: one row each, replaced by every newer heartbeat.
CREATE TABLE status_terminals (
    terminal            text COLLATE "C" PRIMARY KEY,
    organization        text COLLATE "C" NOT NULL,
    application_version text COLLATE "C" NOT NULL,
    version_key         text COLLATE "C",  -- the version padded so that it sorts as a version (NULL: not a version)
    last_update         bigint,
    last_sync           bigint,
    last_error          text COLLATE "C",  -- NULL when the last exchange succeeded
    outbox_depth        bigint NOT NULL,
    oldest_unsent       bigint,
    sync_interval       bigint,            -- NULL: StatusOptions.DefaultSyncInterval
    received_at         bigint NOT NULL
);

CREATE INDEX status_terminals_organization ON status_terminals (organization, terminal);
CREATE INDEX status_terminals_received_at ON status_terminals (received_at DESC, terminal);

-- The history of sync errors, bounded per terminal on insert and purged by age.
CREATE TABLE status_sync_errors (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    terminal     text COLLATE "C" NOT NULL,
    organization text NOT NULL,
    received_at  bigint NOT NULL,
    error        text NOT NULL
);

CREATE INDEX status_sync_errors_terminal ON status_sync_errors (terminal, id);
CREATE INDEX status_sync_errors_received_at ON status_sync_errors (received_at);
