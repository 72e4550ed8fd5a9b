-- 0015: the terminal's side of remote actions on PostgreSQL (a connector host on a server). Instants are UTC .NET
-- ticks; deliveries and reports are kept as their JSON on the wire.

-- The actions the terminal received (a delivery twice is one entry), their state here and their upload.
CREATE TABLE remote_action_journal (
    id          uuid PRIMARY KEY,
    delivery    text NOT NULL,
    state       integer NOT NULL,      -- RemoteActionEntryState
    attempt     integer NOT NULL DEFAULT 0,
    received_at bigint NOT NULL,
    upload_path text,
    uploaded    bigint NOT NULL DEFAULT 0
);

CREATE INDEX remote_action_journal_state ON remote_action_journal (state, received_at, id);

-- The reports waiting for the back office's acknowledgement, in order; an outcome is held while its action uploads.
CREATE TABLE remote_action_reports (
    sequence  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id        uuid NOT NULL UNIQUE,
    action_id uuid NOT NULL,
    final     boolean NOT NULL,
    report    text NOT NULL
);

CREATE INDEX remote_action_reports_action ON remote_action_reports (action_id);
