-- 0010: entries per hour (start of the hour, in ticks), organization, severity and kind, kept by the append in the
-- COPY's transaction and by retention in the transaction that drops or cuts the entries, so that the dashboard's
-- hourly counts read at most (hours x organizations x severities x kinds) rows instead of the entries. Entries
-- without an organization have their own rows (organization null, one per key: NULLS NOT DISTINCT). Not partitioned:
-- a few rows per organization and hour; retention deletes the hours of a partition it drops.
CREATE TABLE log_hours (
    hour         bigint NOT NULL,
    organization text COLLATE "C",
    severity     smallint NOT NULL,
    kind         smallint NOT NULL,
    n            bigint NOT NULL,
    CONSTRAINT log_hours_key UNIQUE NULLS NOT DISTINCT (hour, organization, severity, kind)
);

INSERT INTO log_hours (hour, organization, severity, kind, n)
SELECT ts - ts % 36000000000, organization, severity, kind, count(*) FROM log_entries GROUP BY 1, 2, 3, 4;
