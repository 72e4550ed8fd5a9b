-- 0003: the back office's side of the sync exchange. Instants are UTC .NET ticks.

-- One row per applied outbox message; the primary key is what deduplicates a message sent twice, even by two
-- instances at once (the second insert waits for the first transaction, then finds the row).
CREATE TABLE sync_inbox (
    terminal     text COLLATE "C" NOT NULL,
    message_id   uuid NOT NULL,
    organization text NOT NULL,
    received_at  bigint NOT NULL,
    PRIMARY KEY (terminal, message_id)
);

CREATE INDEX sync_inbox_received_at ON sync_inbox (received_at);

-- Messages rejected for good, with their reason, written in the transaction of their inbox row.
CREATE TABLE sync_dead_letters (
    terminal     text COLLATE "C" NOT NULL,
    message_id   uuid NOT NULL,
    organization text NOT NULL,
    type         text NOT NULL,
    payload      text NOT NULL,
    reason       text NOT NULL,
    rejected_at  bigint NOT NULL,
    PRIMARY KEY (terminal, message_id)
);

CREATE INDEX sync_dead_letters_terminal_rejected_at ON sync_dead_letters (terminal, rejected_at);
CREATE INDEX sync_dead_letters_rejected_at ON sync_dead_letters (rejected_at);

-- The terminals and their credentials: the hash of the secret, never the secret.
CREATE TABLE sync_terminal_credentials (
    terminal     text COLLATE "C" PRIMARY KEY,
    organization text COLLATE "C" NOT NULL,
    secret_hash  text NOT NULL,
    issued_at    bigint NOT NULL,
    revoked_at   bigint
);

-- The connector configurations per terminal: desired version and settings (as parallel key and value arrays), and
-- the version the terminal reports.
CREATE TABLE sync_terminal_configurations (
    terminal         text COLLATE "C" PRIMARY KEY,
    version          bigint NOT NULL,
    sync_interval_ms bigint,
    setting_keys     text[] NOT NULL,
    setting_values   text[] NOT NULL,
    reported_version bigint,
    reported_at      bigint
);
