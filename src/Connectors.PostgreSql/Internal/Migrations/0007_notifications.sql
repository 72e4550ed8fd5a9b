-- 0007: the notification engine. Instants are UTC .NET ticks. Every table is keyed by the idempotency key
-- (kind/item/event/recipient/channel): adding a key twice is ON CONFLICT DO NOTHING, which is once-per-transition.

-- The outbox: one row per delivery (e-mail, push …) and its status. lease_until is a dispatcher's claim, taken with
-- FOR UPDATE SKIP LOCKED so that instances sharing the database never claim one delivery together.
CREATE TABLE notification_outbox (
    seq          bigint GENERATED ALWAYS AS IDENTITY,  -- insertion order: newest first in queries
    key          text COLLATE "C" PRIMARY KEY,
    channel      text NOT NULL,
    recipient    text COLLATE "C" NOT NULL,
    address      text NOT NULL,
    item_kind    text COLLATE "C" NOT NULL,
    item_id      text COLLATE "C" NOT NULL,
    event_id     text COLLATE "C" NOT NULL,
    organization text COLLATE "C" NOT NULL,
    subject      text NOT NULL,
    text         text NOT NULL,
    html         text,
    link         text,
    batch_key    text COLLATE "C",
    created_at   bigint NOT NULL,
    due_at       bigint NOT NULL,
    state        integer NOT NULL,   -- NotificationDeliveryState
    attempts     integer NOT NULL DEFAULT 0,
    last_error   text,
    completed_at bigint,
    lease_until  bigint
);

CREATE INDEX notification_outbox_due ON notification_outbox (due_at, seq) WHERE state = 0;
CREATE INDEX notification_outbox_batch ON notification_outbox (batch_key) WHERE state = 0 AND batch_key IS NOT NULL;
CREATE INDEX notification_outbox_item ON notification_outbox (item_kind, item_id, seq DESC);
CREATE INDEX notification_outbox_seq ON notification_outbox (seq DESC);

-- Recipients a rule named but who could not be reached, with the reason.
CREATE TABLE notification_skips (
    seq          bigint GENERATED ALWAYS AS IDENTITY,
    key          text COLLATE "C" PRIMARY KEY,
    event_id     text COLLATE "C" NOT NULL,
    item_kind    text COLLATE "C" NOT NULL,
    item_id      text COLLATE "C" NOT NULL,
    organization text COLLATE "C" NOT NULL,
    recipient    text COLLATE "C" NOT NULL,
    audience     text NOT NULL,
    channel      text NOT NULL,
    reason       text NOT NULL,
    at           bigint NOT NULL
);

CREATE INDEX notification_skips_item ON notification_skips (item_kind, item_id, seq DESC);
CREATE INDEX notification_skips_seq ON notification_skips (seq DESC);

-- The in-app inbox: id increases with insertion, so newest first is id DESC and the keyset cursor is the id.
CREATE TABLE notification_inbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key          text COLLATE "C" NOT NULL UNIQUE,
    organization text COLLATE "C" NOT NULL,
    recipient    text COLLATE "C" NOT NULL,
    item_kind    text NOT NULL,
    item_id      text NOT NULL,
    subject      text NOT NULL,
    text         text NOT NULL,
    link         text,
    created_at   bigint NOT NULL,
    read_at      bigint
);

CREATE INDEX notification_inbox_recipient ON notification_inbox (organization, recipient, id DESC);
CREATE INDEX notification_inbox_unread ON notification_inbox (organization, recipient) WHERE read_at IS NULL;

-- Web Push subscriptions (IPushSubscriptionStore), one per browser or device a recipient allowed notifications on. The
-- endpoint identifies a subscription; id keeps the order they were first added in (an endpoint added again keeps it).
CREATE TABLE push_subscriptions (
    id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    endpoint  text COLLATE "C" NOT NULL UNIQUE,
    recipient text COLLATE "C" NOT NULL,
    p256dh    text NOT NULL,   -- base64url
    auth      text NOT NULL,   -- base64url
    added_at  bigint NOT NULL
);

CREATE INDEX push_subscriptions_by_recipient ON push_subscriptions (recipient, id);
