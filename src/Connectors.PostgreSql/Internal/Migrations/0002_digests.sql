-- 0002: digest subscriptions and the run ledger (one run per subscription, window and test id). Instants are UTC
-- .NET ticks. A run's recipients are kept as parallel arrays on its row, so that a claim or an update is one row.

CREATE TABLE digest_subscriptions (
    id           text COLLATE "C" PRIMARY KEY,
    name         text NOT NULL,
    active       boolean NOT NULL,
    test_mode    boolean NOT NULL,
    recipients   text[] NOT NULL,
    threshold    integer NOT NULL,
    kinds        smallint[],          -- NULL: every kind
    organization text,
    terminal     text,
    send_time    bigint NOT NULL,     -- TimeOnly ticks
    time_zone    text NOT NULL,
    time_window  bigint NOT NULL,     -- TimeSpan ticks
    culture      text NOT NULL
);

-- The test id of a window's own digest is '' (not NULL), so that the unique key catches a second claim of the window.
CREATE TABLE digest_runs (
    id                 bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    subscription_id    text COLLATE "C" NOT NULL,
    window_start       bigint NOT NULL,
    window_end         bigint NOT NULL,
    test_id            text COLLATE "C" NOT NULL DEFAULT '',
    trigger            smallint NOT NULL,
    status             smallint NOT NULL,
    count              bigint,
    threshold          integer NOT NULL,
    attempts           integer NOT NULL,
    owner              text NOT NULL,
    lease_until        bigint NOT NULL,
    created_at         bigint NOT NULL,
    updated_at         bigint NOT NULL,
    next_attempt_at    bigint,
    error              text,
    recipients         text[] NOT NULL,
    recipient_statuses smallint[] NOT NULL,
    recipient_attempts integer[] NOT NULL,
    recipient_reasons  text[] NOT NULL,
    recipient_last     bigint[] NOT NULL,
    UNIQUE (subscription_id, window_start, window_end, test_id)
);

CREATE INDEX digest_runs_latest ON digest_runs (window_end DESC, created_at DESC, id DESC);
