-- 0018: alerts and errors per hour (start of the hour, in ticks), organization, template, terminal, severity and kind,
-- kept by the append in the COPY's transaction and by retention in the transaction that drops or cuts the entries, so
-- that the dashboard's top templates, their terminals, its top terminals and their count read these rows instead of
-- every entry of the window (on a 100 MB log, the 48-hour dashboard read half a million entries for them). The latest
-- entry of each row (last_ts, with its offset) lets the store fetch a template's example by one seek. Successes are
-- left out (the dashboard lists alerts and errors). Entries without an organization or a terminal have their own rows
-- (null, one per key: NULLS NOT DISTINCT), so the rows answer for one organization and for the whole store alike.
-- Not partitioned: retention deletes the hours of a partition it drops, and recounts the hour it cuts.
CREATE TABLE organization_template_terminals (
    hour         bigint NOT NULL,
    organization text COLLATE "C",
    template_id  bigint NOT NULL,
    terminal     text COLLATE "C",
    severity     smallint NOT NULL,
    kind         smallint NOT NULL,
    n            bigint NOT NULL,
    first_ts     bigint NOT NULL,
    last_ts      bigint NOT NULL,
    last_tz      smallint NOT NULL,
    CONSTRAINT organization_template_terminals_key UNIQUE NULLS NOT DISTINCT (hour, organization, template_id, terminal, severity, kind)
);

-- One organization's window without reading the other organizations' rows of its hours.
CREATE INDEX organization_template_terminals_organization ON organization_template_terminals (organization, hour) WHERE organization IS NOT NULL;

INSERT INTO organization_template_terminals (hour, organization, template_id, terminal, severity, kind, n, first_ts, last_ts, last_tz)
SELECT ts - ts % 36000000000, organization, template_id, terminal, severity, kind, count(*), min(ts), max(ts), (array_agg(tz ORDER BY ts DESC, id DESC))[1]
FROM log_entries WHERE severity > 0 GROUP BY 1, 2, 3, 4, 5, 6;
