-- 0001: the log store. Ticks are UTC .NET ticks; ids that are 64-bit hashes (templates) are stored as signed integers.

-- One row per ingested source; the checkpoint columns are null until a batch of it is committed.
CREATE TABLE sources (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,
    byte_offset INTEGER,
    line        INTEGER,
    fingerprint INTEGER,
    identity    TEXT,
    generation  INTEGER
);

-- Message templates, shared by every entry of the template.
CREATE TABLE templates (
    id   INTEGER PRIMARY KEY,
    text TEXT NOT NULL
);

-- The classification rules that matched, with their hint and knowledge-base link as they were when the entry was stored.
CREATE TABLE rules (
    id     INTEGER PRIMARY KEY,
    name   TEXT NOT NULL,
    hint   TEXT,
    kb_url TEXT
);

CREATE TABLE entries (
    id           INTEGER PRIMARY KEY,
    ts           INTEGER NOT NULL,
    tz           INTEGER NOT NULL,
    source_id    INTEGER NOT NULL,
    generation   INTEGER NOT NULL,
    line         INTEGER NOT NULL,
    terminal     TEXT,
    organization TEXT,
    component    TEXT,
    level        TEXT NOT NULL,
    kind         INTEGER NOT NULL,
    severity     INTEGER NOT NULL,
    template_id  INTEGER NOT NULL,
    rule_id      INTEGER,
    reference    TEXT,
    message      TEXT NOT NULL
);

-- An entry is identified by its position: appending it again stores nothing.
CREATE UNIQUE INDEX entries_position ON entries (source_id, generation, line);
CREATE INDEX entries_time ON entries (ts);
CREATE INDEX entries_reference ON entries (reference) WHERE reference IS NOT NULL;

-- Full-text index over the message; external content, so the text is stored once (in entries).
CREATE VIRTUAL TABLE entries_text USING fts5 (message, content = 'entries', content_rowid = 'id');

CREATE TRIGGER entries_text_insert AFTER INSERT ON entries BEGIN
    INSERT INTO entries_text (rowid, message) VALUES (new.id, new.message);
END;

CREATE TRIGGER entries_text_delete AFTER DELETE ON entries BEGIN
    INSERT INTO entries_text (entries_text, rowid, message) VALUES ('delete', old.id, old.message);
END;
