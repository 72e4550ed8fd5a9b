-- 0001: the log store. Times are UTC .NET ticks (tz: the offset the line was written in, in minutes).

-- One row per ingested source; the checkpoint columns are null until a batch of it is committed. The checkpoint is
-- also what makes appends idempotent: lines at or before it (same generation) are already stored.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    byte_offset INTEGER,
    line        INTEGER,
    fingerprint INTEGER,
    identity    TEXT,
    generation  INTEGER
);

-- Message templates (hash: the 64-bit template id, as a signed integer), shared by every entry of the template.
CREATE TABLE templates (
    id   INTEGER PRIMARY KEY,
    hash INTEGER NOT NULL UNIQUE,
    text TEXT NOT NULL
);

-- The classification rules that matched, with their hint and knowledge-base link as they were when the entry was stored.
CREATE TABLE rules (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL,
    hint   TEXT,
    kb_url TEXT
);

-- Who wrote a line and at what level: a few thousand combinations shared by millions of lines.
CREATE TABLE origins (
    id           INTEGER PRIMARY KEY,
    terminal     TEXT,
    organization TEXT,
    component    TEXT,
    level        TEXT NOT NULL
);
CREATE INDEX origins_terminal ON origins (terminal);
CREATE INDEX origins_organization ON origins (organization);

-- message is null when the template and params give it back exactly (params: the template's variable parts,
-- separated by U+001F); else message holds the text and params is null.
CREATE TABLE entries (
    id          INTEGER PRIMARY KEY,
    ts          INTEGER NOT NULL,
    tz          INTEGER NOT NULL,
    source_id   INTEGER NOT NULL,
    generation  INTEGER NOT NULL,
    line        INTEGER NOT NULL,
    origin_id   INTEGER NOT NULL,
    kind        INTEGER NOT NULL,
    severity    INTEGER NOT NULL,
    template_id INTEGER NOT NULL,
    rule_id     INTEGER,
    reference   TEXT,
    message     TEXT,
    params      TEXT
);
CREATE INDEX entries_time ON entries (ts);
CREATE INDEX entries_reference ON entries (reference) WHERE reference IS NOT NULL;

-- Full-text index over the message, contentless (the text is not stored twice); rows are added by the store and
-- removed with their entry.
CREATE VIRTUAL TABLE entries_text USING fts5 (message, content = '', contentless_delete = 1, detail = none);

CREATE TRIGGER entries_text_delete AFTER DELETE ON entries BEGIN
    DELETE FROM entries_text WHERE rowid = old.id;
END;
