-- 0001: the log store. Times are UTC .NET ticks (tz: the offset the line was written in, in minutes). Text compares
-- byte for byte (COLLATE "C"), as the other stores compare ordinally.

-- One row per ingested source: its checkpoint, which also makes appends idempotent (lines at or before it, same
-- generation, are stored already). The append locks the source's row, so two ingests of one source take turns.
CREATE TABLE log_sources (
    name        text COLLATE "C" PRIMARY KEY,
    byte_offset bigint,
    line        bigint,
    fingerprint bigint,
    identity    text,
    generation  bigint
);

CREATE SEQUENCE log_entry_ids;

-- Entries, partitioned by time (range partitions of LogPartitionInterval, created on demand by the store); retention
-- drops whole partitions. words: the message's words as full-text search sees them (letters and digits, lowercased,
-- the one rule every store shares), written by the store; tsv, their tsvector, is what the GIN index holds.
CREATE TABLE log_entries (
    id           bigint NOT NULL DEFAULT nextval('log_entry_ids'),
    ts           bigint NOT NULL,
    tz           smallint NOT NULL,
    source       text COLLATE "C" NOT NULL,
    generation   bigint NOT NULL,
    line         bigint NOT NULL,
    terminal     text COLLATE "C",
    organization text COLLATE "C",
    component    text,
    level        text NOT NULL,
    kind         smallint NOT NULL,
    severity     smallint NOT NULL,
    template_id  bigint NOT NULL,
    template     text COLLATE "C" NOT NULL,
    rule         text,
    hint         text,
    kb_url       text,
    reference    text COLLATE "C",
    message      text NOT NULL,
    words        text[] NOT NULL,
    tsv          tsvector GENERATED ALWAYS AS (array_to_tsvector(words)) STORED
) PARTITION BY RANGE (ts);

CREATE INDEX log_entries_time ON log_entries (ts DESC, id DESC);
CREATE INDEX log_entries_template ON log_entries (template_id, ts);
CREATE INDEX log_entries_terminal ON log_entries (terminal, ts) WHERE terminal IS NOT NULL;
CREATE INDEX log_entries_organization ON log_entries (organization, ts) WHERE organization IS NOT NULL;
CREATE INDEX log_entries_reference ON log_entries (reference) WHERE reference IS NOT NULL;
CREATE INDEX log_entries_text ON log_entries USING gin (tsv);
