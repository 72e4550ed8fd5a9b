-- 0012: push subscriptions, one per browser or device a recipient allowed notifications on. The endpoint identifies a
-- subscription; id keeps the order they were first added in (an endpoint added again keeps its id); added_at is UTC ticks.
CREATE TABLE push_subscriptions (
    id        INTEGER PRIMARY KEY,
    endpoint  TEXT NOT NULL UNIQUE,
    recipient TEXT NOT NULL,
    p256dh    TEXT NOT NULL,   -- base64url
    auth      TEXT NOT NULL,   -- base64url
    added_at  INTEGER NOT NULL
);

CREATE INDEX push_subscriptions_by_recipient ON push_subscriptions (recipient, id);
