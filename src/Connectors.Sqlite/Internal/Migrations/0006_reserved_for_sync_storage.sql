-- 0006 is reserved for the sync storage work (change tables in the host's database, tombstone retention) on its own
-- branch; this empty step only keeps the numbering without gaps here. Delete this file when that 0006 lands.
SELECT 1;
