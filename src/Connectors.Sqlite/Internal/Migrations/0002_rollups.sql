-- 0002: hourly rollups kept with the entries (same transaction), so that the dashboard reads thousands of rows
-- instead of millions; and an index to find a template's latest entries.

-- Entries per hour, template, severity and kind: hourly counts and template groups.
CREATE TABLE template_hours (
    hour        INTEGER NOT NULL,
    template_id INTEGER NOT NULL,
    severity    INTEGER NOT NULL,
    kind        INTEGER NOT NULL,
    n           INTEGER NOT NULL,
    first_ts    INTEGER NOT NULL,
    last_ts     INTEGER NOT NULL,
    PRIMARY KEY (hour, template_id, severity, kind)
) WITHOUT ROWID;

-- Entries per hour, terminal, severity and kind, with the organization of the terminal's latest entry.
CREATE TABLE terminal_hours (
    hour         INTEGER NOT NULL,
    terminal     TEXT NOT NULL,
    severity     INTEGER NOT NULL,
    kind         INTEGER NOT NULL,
    n            INTEGER NOT NULL,
    last_ts      INTEGER NOT NULL,
    last_tz      INTEGER NOT NULL,
    organization TEXT,
    PRIMARY KEY (hour, terminal, severity, kind)
) WITHOUT ROWID;

-- Which terminals wrote a template's alerts and errors, per hour.
CREATE TABLE template_terminals (
    template_id INTEGER NOT NULL,
    hour        INTEGER NOT NULL,
    terminal    TEXT NOT NULL,
    severity    INTEGER NOT NULL,
    kind        INTEGER NOT NULL,
    PRIMARY KEY (template_id, hour, terminal, severity, kind)
) WITHOUT ROWID;

INSERT INTO template_hours
SELECT ts / 36000000000, template_id, severity, kind, count(*), min(ts), max(ts) FROM entries GROUP BY 1, 2, 3, 4;

INSERT INTO terminal_hours
SELECT e.ts / 36000000000, o.terminal, e.severity, e.kind, count(*), max(e.ts), e.tz, o.organization
FROM entries e JOIN origins o ON o.id = e.origin_id WHERE o.terminal IS NOT NULL GROUP BY 1, 2, 3, 4;

INSERT INTO template_terminals
SELECT DISTINCT e.template_id, e.ts / 36000000000, o.terminal, e.severity, e.kind
FROM entries e JOIN origins o ON o.id = e.origin_id WHERE o.terminal IS NOT NULL AND e.severity > 0;

CREATE INDEX entries_template ON entries (template_id, ts);
