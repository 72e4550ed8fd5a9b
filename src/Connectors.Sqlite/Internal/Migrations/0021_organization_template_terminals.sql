-- 0021: an organization's alerts and errors per hour, template, terminal, severity and kind, kept with the entries
-- (same transaction) and by retention, so that the dashboard of one organization reads its top templates, their
-- terminals, its top terminals and their count from these rows instead of its entries (on the 1 GiB log the ten top
-- templates' examples and terminal lists read each template's entries of every organization in the window). The
-- latest entry of each row (last_ts, with its offset) lets the store fetch a template's example by one seek.
-- Successes are left out (the dashboard lists alerts and errors), and so are entries without an organization; an
-- entry without a terminal is counted under terminal '' (a terminal is never named by an empty string: the formats
-- leave it out). Hour first, as in the other rollups: retention takes whole hours off the front.
CREATE TABLE organization_template_terminals (
    hour         INTEGER NOT NULL,
    organization TEXT NOT NULL,
    template_id  INTEGER NOT NULL,
    terminal     TEXT NOT NULL,
    severity     INTEGER NOT NULL,
    kind         INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    first_ts     INTEGER NOT NULL,
    last_ts      INTEGER NOT NULL,
    last_tz      INTEGER NOT NULL,
    PRIMARY KEY (hour, organization, template_id, terminal, severity, kind)
) WITHOUT ROWID;

INSERT INTO organization_template_terminals
SELECT hour, organization, template_id, terminal, severity, kind, count(*), min(ts), max(ts), max(CASE WHEN latest = 1 THEN tz END)
FROM (
    SELECT e.ts / 36000000000 AS hour, o.organization, e.template_id, coalesce(o.terminal, '') AS terminal, e.severity, e.kind, e.ts, e.tz,
        row_number() OVER (PARTITION BY e.ts / 36000000000, o.organization, e.template_id, o.terminal, e.severity, e.kind ORDER BY e.ts DESC, e.id DESC) AS latest
    FROM entries e JOIN origins o ON o.id = e.origin_id
    WHERE o.organization IS NOT NULL AND e.severity > 0)
GROUP BY 1, 2, 3, 4, 5, 6;
