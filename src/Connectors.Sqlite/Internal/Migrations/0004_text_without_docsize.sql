-- 0004: the full-text index without its per-row sizes (entries_text_docsize: a tenth of the file, and nothing reads
-- it: detail = none, no ranking). SQLite refuses contentless_delete = 1 with columnsize = 0, so the index becomes a
-- plain contentless one, and retention removes an entry's row with FTS5's 'delete' command, giving the entry's text
-- back (SqliteLogStore), in the transaction that deletes the entry. The trigger goes: it cannot know the text.

DROP TRIGGER entries_text_delete;
DROP TABLE entries_text;

CREATE VIRTUAL TABLE entries_text USING fts5 (message, content = '', columnsize = 0, detail = none);

-- posfleet_message(template, params, message): the entry's text, as the store indexes it (registered by the
-- migration runner, SqliteDatabase).
INSERT INTO entries_text (rowid, message)
SELECT e.id, posfleet_message(t.text, e.params, e.message) FROM entries e JOIN templates t ON t.id = e.template_id;
