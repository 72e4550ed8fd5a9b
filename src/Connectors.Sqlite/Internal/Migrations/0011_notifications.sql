-- 0011: the notification engine. Instants are UTC ticks. Every table is keyed by the idempotency key
-- (kind/item/event/recipient/channel): adding a key twice is INSERT OR IGNORE, which is once-per-transition.

-- The outbox: one row per delivery (e-mail, push …) and its status. lease_until is the dispatcher's claim.
CREATE TABLE notification_outbox (
    key          TEXT NOT NULL PRIMARY KEY,
    channel      TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    address      TEXT NOT NULL,
    item_kind    TEXT NOT NULL,
    item_id      TEXT NOT NULL,
    event_id     TEXT NOT NULL,
    organization TEXT NOT NULL,
    subject      TEXT NOT NULL,
    text         TEXT NOT NULL,
    html         TEXT,
    link         TEXT,
    batch_key    TEXT,
    created_at   INTEGER NOT NULL,
    due_at       INTEGER NOT NULL,
    state        INTEGER NOT NULL,   -- NotificationDeliveryState
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT,
    completed_at INTEGER,
    lease_until  INTEGER,
    seq          INTEGER NOT NULL    -- insertion order: newest first in queries
);

CREATE INDEX notification_outbox_due ON notification_outbox (state, due_at) WHERE state = 0;
CREATE INDEX notification_outbox_batch ON notification_outbox (batch_key) WHERE state = 0 AND batch_key IS NOT NULL;
CREATE INDEX notification_outbox_item ON notification_outbox (item_kind, item_id, seq DESC);
CREATE INDEX notification_outbox_seq ON notification_outbox (seq DESC);

-- Recipients a rule named but who could not be reached, with the reason.
CREATE TABLE notification_skips (
    key          TEXT NOT NULL PRIMARY KEY,
    event_id     TEXT NOT NULL,
    item_kind    TEXT NOT NULL,
    item_id      TEXT NOT NULL,
    organization TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    audience     TEXT NOT NULL,
    channel      TEXT NOT NULL,
    reason       TEXT NOT NULL,
    at           INTEGER NOT NULL,
    seq          INTEGER NOT NULL
);

CREATE INDEX notification_skips_item ON notification_skips (item_kind, item_id, seq DESC);

-- The in-app inbox: id increases with insertion, so newest first is id DESC and the keyset cursor is the id.
CREATE TABLE notification_inbox (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    key          TEXT NOT NULL UNIQUE,
    organization TEXT NOT NULL,
    recipient    TEXT NOT NULL,
    item_kind    TEXT NOT NULL,
    item_id      TEXT NOT NULL,
    subject      TEXT NOT NULL,
    text         TEXT NOT NULL,
    link         TEXT,
    created_at   INTEGER NOT NULL,
    read_at      INTEGER
);

CREATE INDEX notification_inbox_recipient ON notification_inbox (organization, recipient, id DESC);
CREATE INDEX notification_inbox_unread ON notification_inbox (organization, recipient) WHERE read_at IS NULL;
