-- 0009: where a rule says the error came from (ClassificationRule.Origin, such as "fiscal printer"), stored with the
-- rule's name, hint and link; NULL for rules without one and for older entries. Added to the partitioned table, so
-- every partition, existing or created later, has it.
ALTER TABLE log_entries ADD COLUMN origin text;
