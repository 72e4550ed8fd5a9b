-- 0022: the delivery status pages an organization's outbox and skips newest first on (time, key), the keyset cursor
-- the stores apply themselves; this replaces the insertion-order index the status list read before.
DROP INDEX notification_outbox_organization;
CREATE INDEX notification_outbox_organization ON notification_outbox (organization, created_at DESC, key DESC);
CREATE INDEX notification_skips_organization ON notification_skips (organization, at DESC, key DESC);
