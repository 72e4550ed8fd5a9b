-- 0015: where a rule says the error came from (ClassificationRule.Origin, such as "fiscal printer"), kept with the
-- rule's hint and link as they were when the entry was stored. NULL for rules without one and for older entries.
ALTER TABLE rules ADD COLUMN origin TEXT;
