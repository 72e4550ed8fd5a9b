using Microsoft.Data.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The log store on SQLite. One writer at a time (in this process by a semaphore, across processes by
/// <c>BEGIN IMMEDIATE</c> and the busy timeout); readers use their own pooled connections and, in WAL mode, never
/// block the writer. A batch is one transaction: entries, their templates and rules, and the source's checkpoint.
/// </summary>
internal sealed partial class SqliteLogStore(SqliteDatabase database) : ILogStore, IDisposable
{
    private const string InsertEntry = """
        INSERT INTO entries (id, ts, tz, source_id, generation, line, origin_id, kind, severity, template_id, rule_id, reference, message, params)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14);
        """;

    private readonly SemaphoreSlim _write = new(1, 1);

    private readonly SqliteLookup<(long Hash, string Text)> _templates = new(
        "SELECT id FROM templates WHERE hash = $hash;",
        "INSERT INTO templates (hash, text) VALUES ($hash, $text) RETURNING id;",
        (p, k) =>
        {
            p.AddWithValue("$hash", k.Hash);
            p.AddWithValue("$text", k.Text);
        });

    private readonly SqliteLookup<(string Name, string? Hint, string? Url, string? Origin)> _rules = new(
        "SELECT id FROM rules WHERE name = $name AND hint IS $hint AND kb_url IS $url AND origin IS $origin;",
        "INSERT INTO rules (name, hint, kb_url, origin) VALUES ($name, $hint, $url, $origin) RETURNING id;",
        (p, k) =>
        {
            p.AddWithValue("$name", k.Name);
            p.AddWithValue("$hint", (object?)k.Hint ?? DBNull.Value);
            p.AddWithValue("$url", (object?)k.Url ?? DBNull.Value);
            p.AddWithValue("$origin", (object?)k.Origin ?? DBNull.Value);
        });

    private readonly SqliteLookup<(string? Terminal, string? Organization, string? Component, string Level)> _origins = new(
        // By terminal, always: the planner otherwise picks the organization's index, whose few values each hold a growing
        // share of the origins, so that each new terminal read more rows than the last (ingest fell from 107,000 lines/s
        // with one terminal to 9,800 with 300,000); a terminal has a handful of origins.
        "SELECT id FROM origins INDEXED BY origins_terminal WHERE terminal IS $terminal AND organization IS $organization AND component IS $component AND level = $level;",
        "INSERT INTO origins (terminal, organization, component, level) VALUES ($terminal, $organization, $component, $level) RETURNING id;",
        (p, k) =>
        {
            p.AddWithValue("$terminal", (object?)k.Terminal ?? DBNull.Value);
            p.AddWithValue("$organization", (object?)k.Organization ?? DBNull.Value);
            p.AddWithValue("$component", (object?)k.Component ?? DBNull.Value);
            p.AddWithValue("$level", k.Level);
        });

    public void Dispose()
    {
        _write.Dispose();
        _templates.Dispose();
        _rules.Dispose();
        _origins.Dispose();
    }

    public async ValueTask<int> AppendAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                try
                {
                    return Append(connection, batch, cancellationToken);
                }
                catch (SqliteException ex)
                {
                    throw database.Explain(ex);
                }
            }
        }
        finally
        {
            _write.Release();
        }
    }

    public async ValueTask<IngestCheckpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await GetCheckpointAsync(connection, source, cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }

    private static async ValueTask<IngestCheckpoint?> GetCheckpointAsync(SqliteConnection connection, string source, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT byte_offset, line, fingerprint, identity, generation FROM sources WHERE name = $name AND byte_offset IS NOT NULL;";
        command.Parameters.AddWithValue("$name", source);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new IngestCheckpoint(
                source, reader.GetInt64(0), reader.GetInt64(1), unchecked((ulong)reader.GetInt64(2)), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4));
        }
    }

    // The per-entry loop uses the synchronous ADO.NET calls: Microsoft.Data.Sqlite's async methods run synchronously
    // anyway, and a batch is thousands of statements.
    private int Append(SqliteConnection connection, LogBatch batch, CancellationToken cancellationToken)
    {
        var checkpoint = batch.Checkpoint;
        foreach (var e in batch.Entries)
        {
            if (e.Position.Source != checkpoint.Source)
            {
                throw new ArgumentException($"The batch's entries must come from its checkpoint's source '{checkpoint.Source}'; line {e.Position} does not.", nameof(batch));
            }
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        try
        {
            var added = Append(connection, batch);

            // Canceled before the commit: the transaction rolls back when disposed, and nothing of the batch is stored.
            cancellationToken.ThrowIfCancellationRequested();
            transaction.Commit();
            _templates.Commit();
            _rules.Commit();
            _origins.Commit();
            return added;
        }
        catch
        {
            _templates.Rollback();
            _rules.Rollback();
            _origins.Rollback();
            throw;
        }
    }

    private int Append(SqliteConnection connection, LogBatch batch)
    {
        var checkpoint = batch.Checkpoint;
        long sourceId, storedGeneration = -1, storedLine = 0;
        using (var source = connection.CreateCommand())
        {
            source.CommandText = """
                INSERT INTO sources (name) VALUES ($name) ON CONFLICT (name) DO NOTHING;
                SELECT id, generation, line FROM sources WHERE name = $name;
                """;
            source.Parameters.AddWithValue("$name", checkpoint.Source);
            using var reader = source.ExecuteReader();
            reader.Read();
            sourceId = reader.GetInt64(0);
            if (!reader.IsDBNull(1))
            {
                (storedGeneration, storedLine) = (reader.GetInt64(1), reader.GetInt64(2));
            }
        }

        // Lines at or before the stored checkpoint are stored already (a replayed batch); an older generation's batch is all old.
        if (checkpoint.Generation < storedGeneration || (checkpoint.Generation == storedGeneration && checkpoint.Line < storedLine))
        {
            return 0;
        }

        var skipThrough = checkpoint.Generation == storedGeneration ? storedLine : 0;
        long id;
        using (var max = connection.CreateCommand())
        {
            max.CommandText = "SELECT coalesce(max(id), 0) FROM entries;";
            id = (long)max.ExecuteScalar()!;
        }

        using var insert = new SqliteStatement(connection, InsertEntry);
        using var index = new SqliteStatement(connection, "INSERT INTO entries_text (rowid, message) VALUES (?1, ?2);");
        var rollups = new SqliteRollups();
        var added = 0;
        foreach (var e in batch.Entries)
        {
            if (e.Position.Line <= skipThrough)
            {
                continue;
            }

            var parts = MessageParams.TrySplit(e.Message, e.Template);
            insert.Bind(1, ++id);
            insert.Bind(2, e.Timestamp.UtcTicks);
            insert.Bind(3, (long)e.Timestamp.Offset.TotalMinutes);
            insert.Bind(4, sourceId);
            insert.Bind(5, checkpoint.Generation);
            insert.Bind(6, e.Position.Line);
            insert.Bind(7, _origins.GetOrAdd(connection, (e.Terminal, e.Organization, e.Component, e.Level)));
            insert.Bind(8, (long)e.Kind);
            insert.Bind(9, (long)e.Severity);
            var templateId = _templates.GetOrAdd(connection, (unchecked((long)e.TemplateId), e.Template));
            insert.Bind(10, templateId);
            if (e.Rule is null)
            {
                insert.BindNull(11);
            }
            else
            {
                insert.Bind(11, _rules.GetOrAdd(connection, (e.Rule, e.Hint, e.KnowledgeBaseUrl?.OriginalString, e.Origin)));
            }

            insert.Bind(12, e.Reference);
            insert.Bind(13, parts is null ? e.Message : null);
            insert.Bind(14, parts);
            insert.Execute();
            index.Bind(1, id);
            index.Bind(2, e.Message);
            index.Execute();
            rollups.Add(e, templateId);
            added++;
        }

        rollups.Write(connection);

        using (var save = connection.CreateCommand())
        {
            save.CommandText = """
                UPDATE sources SET byte_offset = $offset, line = $line, fingerprint = $fingerprint, identity = $identity, generation = $generation
                WHERE id = $id;
                """;
            save.Parameters.AddWithValue("$id", sourceId);
            save.Parameters.AddWithValue("$offset", checkpoint.Offset);
            save.Parameters.AddWithValue("$line", checkpoint.Line);
            save.Parameters.AddWithValue("$fingerprint", unchecked((long)checkpoint.Fingerprint));
            save.Parameters.AddWithValue("$identity", (object?)checkpoint.Identity ?? DBNull.Value);
            save.Parameters.AddWithValue("$generation", checkpoint.Generation);
            save.ExecuteNonQuery();
        }

        return added;
    }
}
