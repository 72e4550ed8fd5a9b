-- 0013: an organization's entries by time. The rollups are not per organization, so a dashboard or count scoped to
-- one organization reads the entries; this index lets it read only that organization's origins' entries in the
-- window (origins by organization, then each origin's entries by time) instead of every entry of the window.
CREATE INDEX entries_origin ON entries (origin_id, ts);
