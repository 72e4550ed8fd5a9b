-- 0019: a terminal's side of change tracking (a connector host on a server importing the back office's changes into
-- its own tables): its checkpoint per organization, written in the transaction of the batch it covers.
CREATE TABLE sync_change_checkpoints (
    organization text PRIMARY KEY,
    checkpoint   bigint NOT NULL
);
