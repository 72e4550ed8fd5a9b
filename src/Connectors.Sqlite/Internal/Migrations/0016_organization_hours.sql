-- 0016: entries per hour, organization, severity and kind, kept with the entries (same transaction) and by retention,
-- so that the dashboard of one organization reads its hourly counts from at most (hours x organizations x severities
-- x kinds) rows instead of the organization's entries. Hour first, as in the other rollups: retention takes whole
-- hours off the front, and a window reads a range of hours. Entries without an organization are not rolled up here
-- (a query without an organization reads template_hours).
CREATE TABLE organization_hours (
    hour         INTEGER NOT NULL,
    organization TEXT NOT NULL,
    severity     INTEGER NOT NULL,
    kind         INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (hour, organization, severity, kind)
) WITHOUT ROWID;

INSERT INTO organization_hours
SELECT e.ts / 36000000000, o.organization, e.severity, e.kind, count(*)
FROM entries e JOIN origins o ON o.id = e.origin_id WHERE o.organization IS NOT NULL GROUP BY 1, 2, 3, 4;
