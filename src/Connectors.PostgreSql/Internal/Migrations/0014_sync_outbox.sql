-- 0014: a terminal's outbox on PostgreSQL (a connector host on a server). Instants are UTC .NET ticks.

-- The messages in order. Enqueues take a transaction advisory lock, so sequences are handed out in commit order and a
-- message committed late can never sit before one already sent.
CREATE TABLE sync_outbox (
    sequence   bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         uuid NOT NULL UNIQUE,
    type       text NOT NULL,
    payload    text NOT NULL,        -- JSON
    created_at bigint NOT NULL
);

-- Messages the back office rejected for good, kept with the reason.
CREATE TABLE sync_outbox_rejected (
    sequence    bigint NOT NULL,
    id          uuid NOT NULL PRIMARY KEY,
    type        text NOT NULL,
    payload     text NOT NULL,
    created_at  bigint NOT NULL,
    reason      text NOT NULL,
    rejected_at bigint NOT NULL
);

CREATE INDEX sync_outbox_rejected_recent ON sync_outbox_rejected (rejected_at DESC, sequence DESC);

-- The one sender: the instance that peeked the head of the outbox holds it until it acknowledges or the lease ends,
-- so that several instances sharing the outbox never send a message twice nor out of order. Claimed
-- FOR UPDATE SKIP LOCKED: an instance that finds another claiming at that moment goes away empty-handed.
CREATE TABLE sync_outbox_sender (
    id          integer PRIMARY KEY CHECK (id = 1),
    holder      uuid,
    lease_until bigint NOT NULL
);

INSERT INTO sync_outbox_sender (id, holder, lease_until) VALUES (1, NULL, 0);
