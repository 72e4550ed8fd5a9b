-- 0020: a full re-initialisation under way on a terminal: the checkpoint its last batch ended at, and the keys of the
-- rows the back office sent (jsonb_build_array of the key columns, as read from the host's table after the write);
-- when the last batch is in, the organization's local rows not among them are removed.
CREATE TABLE sync_change_reinit (
    organization text PRIMARY KEY,
    cursor       bigint NOT NULL
);

CREATE TABLE sync_change_reinit_keys (
    organization text NOT NULL,
    table_name   text NOT NULL,
    row_key      jsonb NOT NULL,
    PRIMARY KEY (organization, table_name, row_key)
);
