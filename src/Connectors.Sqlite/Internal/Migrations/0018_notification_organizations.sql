-- 0018: push subscriptions belong to an organization (listed and removed within it only), and the delivery status is queried per
-- organization. Subscriptions stored before have no organization ('') and are found by none: browsers subscribe again.
ALTER TABLE push_subscriptions ADD COLUMN organization TEXT NOT NULL DEFAULT '';
DROP INDEX push_subscriptions_by_recipient;
CREATE INDEX push_subscriptions_by_recipient ON push_subscriptions (organization, recipient, id);

CREATE INDEX notification_outbox_organization ON notification_outbox (organization, seq DESC);

-- A claim carries its dispatcher's token: renewing it and recording the outcome require the same token, so a
-- dispatcher whose lease lapsed cannot renew or record what another one claimed since.
ALTER TABLE notification_outbox ADD COLUMN claim_token TEXT;

-- The recipient's culture, so that a digest of several deliveries is written in their language.
ALTER TABLE notification_outbox ADD COLUMN culture TEXT;
