-- 0005: the back office's remote actions. Instants are UTC .NET ticks, periods ticks.

-- parameters_key is the parameters in one canonical string (names sorted), so that an identical action still
-- pending is found by index and the second click collapses into it.
CREATE TABLE remote_actions (
    id               uuid PRIMARY KEY,
    organization     text COLLATE "C" NOT NULL,
    terminal         text COLLATE "C" NOT NULL,
    name             text COLLATE "C" NOT NULL,
    parameter_names  text[] NOT NULL,
    parameter_values text[] NOT NULL,
    parameters_key   text COLLATE "C" NOT NULL,
    state            smallint NOT NULL,   -- RemoteActionState
    created_at       bigint NOT NULL,
    expires_at       bigint NOT NULL,
    timeout          bigint NOT NULL,
    max_attempts     integer NOT NULL,
    attempt          integer NOT NULL DEFAULT 0,
    detail           text,
    output           text,
    uploaded_bytes   bigint
);

CREATE INDEX remote_actions_organization ON remote_actions (organization, created_at DESC, id DESC);
CREATE INDEX remote_actions_terminal ON remote_actions (terminal, state, created_at);

-- Every state change with its time.
CREATE TABLE remote_action_history (
    action_id uuid NOT NULL REFERENCES remote_actions (id) ON DELETE CASCADE,
    sequence  integer NOT NULL,
    state     smallint NOT NULL,
    at        bigint NOT NULL,
    attempt   integer NOT NULL,
    detail    text,
    PRIMARY KEY (action_id, sequence)
);

-- The files terminals upload for an action, chunk by chunk in order.
CREATE TABLE remote_action_uploads (
    action_id   uuid NOT NULL REFERENCES remote_actions (id) ON DELETE CASCADE,
    byte_offset bigint NOT NULL,
    data        bytea NOT NULL,
    PRIMARY KEY (action_id, byte_offset)
);
