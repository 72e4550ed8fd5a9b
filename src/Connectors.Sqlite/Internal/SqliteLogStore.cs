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
        INSERT OR IGNORE INTO entries (ts, tz, source_id, generation, line, terminal, organization, component, level, kind, severity, template_id, rule_id, reference, message)
        VALUES ($ts, $tz, $source, $generation, $line, $terminal, $organization, $component, $level, $kind, $severity, $template, $rule, $reference, $message);
        """;

    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly HashSet<long> _knownTemplates = [];
    private readonly Dictionary<(string Name, string? Hint, string? Url), long> _knownRules = [];

    public void Dispose() => _write.Dispose();

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
    }

    public async ValueTask<long> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            // One bounded chunk per transaction: the write lock is released between chunks, so ingest goes on.
            await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
            int deleted;
            try
            {
                var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    using var transaction = connection.BeginTransaction(deferred: false);
                    using var command = connection.CreateCommand();
                    command.CommandText = "DELETE FROM entries WHERE id IN (SELECT id FROM entries WHERE ts < $ts LIMIT $chunk);";
                    command.Parameters.AddWithValue("$ts", olderThan.UtcTicks);
                    command.Parameters.AddWithValue("$chunk", database.RetentionChunkSize);
                    deleted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
            finally
            {
                _write.Release();
            }

            total += deleted;
            if (deleted < database.RetentionChunkSize)
            {
                return total;
            }
        }
    }

    // The per-entry loop uses the synchronous ADO.NET calls: Microsoft.Data.Sqlite's async methods run synchronously
    // anyway, and a batch is thousands of statements.
    private int Append(SqliteConnection connection, LogBatch batch, CancellationToken cancellationToken)
    {
        var checkpoint = batch.Checkpoint;
        using var transaction = connection.BeginTransaction(deferred: false);
        var sources = new Dictionary<string, long>(StringComparer.Ordinal);
        var newTemplates = new List<long>();
        var newRules = new List<((string, string?, string?) Key, long Id)>();

        using var insertTemplate = Prepare(connection, "INSERT OR IGNORE INTO templates (id, text) VALUES ($id, $text);", "$id", "$text");
        using var insert = Prepare(connection, InsertEntry,
            "$ts", "$tz", "$source", "$generation", "$line", "$terminal", "$organization", "$component", "$level", "$kind", "$severity", "$template", "$rule", "$reference", "$message");
        var p = insert.Parameters;
        var added = 0;
        foreach (var e in batch.Entries)
        {
            var templateId = unchecked((long)e.TemplateId);
            if (!_knownTemplates.Contains(templateId) && !newTemplates.Contains(templateId))
            {
                insertTemplate.Parameters[0].Value = templateId;
                insertTemplate.Parameters[1].Value = e.Template;
                insertTemplate.ExecuteNonQuery();
                newTemplates.Add(templateId);
            }

            p[0].Value = e.Timestamp.UtcTicks;
            p[1].Value = (int)e.Timestamp.Offset.TotalMinutes;
            p[2].Value = SourceId(connection, sources, e.Position.Source);
            p[3].Value = checkpoint.Generation;
            p[4].Value = e.Position.Line;
            p[5].Value = (object?)e.Terminal ?? DBNull.Value;
            p[6].Value = (object?)e.Organization ?? DBNull.Value;
            p[7].Value = (object?)e.Component ?? DBNull.Value;
            p[8].Value = e.Level;
            p[9].Value = (int)e.Kind;
            p[10].Value = (int)e.Severity;
            p[11].Value = templateId;
            p[12].Value = e.Rule is null ? DBNull.Value : RuleId(connection, e, newRules);
            p[13].Value = (object?)e.Reference ?? DBNull.Value;
            p[14].Value = e.Message;
            added += insert.ExecuteNonQuery();
        }

        using (var save = connection.CreateCommand())
        {
            save.CommandText = """
                INSERT INTO sources (name, byte_offset, line, fingerprint, identity, generation) VALUES ($name, $offset, $line, $fingerprint, $identity, $generation)
                ON CONFLICT (name) DO UPDATE SET byte_offset = excluded.byte_offset, line = excluded.line, fingerprint = excluded.fingerprint,
                    identity = excluded.identity, generation = excluded.generation;
                """;
            save.Parameters.AddWithValue("$name", checkpoint.Source);
            save.Parameters.AddWithValue("$offset", checkpoint.Offset);
            save.Parameters.AddWithValue("$line", checkpoint.Line);
            save.Parameters.AddWithValue("$fingerprint", unchecked((long)checkpoint.Fingerprint));
            save.Parameters.AddWithValue("$identity", (object?)checkpoint.Identity ?? DBNull.Value);
            save.Parameters.AddWithValue("$generation", checkpoint.Generation);
            save.ExecuteNonQuery();
        }

        // Canceled before the commit: the transaction rolls back when disposed, and nothing of the batch is stored.
        cancellationToken.ThrowIfCancellationRequested();
        transaction.Commit();

        // Only what is committed is remembered as known.
        _knownTemplates.UnionWith(newTemplates);
        foreach (var (key, id) in newRules)
        {
            _knownRules[key] = id;
        }

        return added;
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static long SourceId(SqliteConnection connection, Dictionary<string, long> sources, string name)
    {
        if (sources.TryGetValue(name, out var id))
        {
            return id;
        }

        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO sources (name) VALUES ($name) ON CONFLICT (name) DO NOTHING; SELECT id FROM sources WHERE name = $name;";
        command.Parameters.AddWithValue("$name", name);
        id = (long)command.ExecuteScalar()!;
        sources[name] = id;
        return id;
    }

    private long RuleId(SqliteConnection connection, LogEntry e, List<((string, string?, string?) Key, long Id)> newRules)
    {
        var key = (e.Rule!, e.Hint, e.KnowledgeBaseUrl?.OriginalString);
        if (_knownRules.TryGetValue(key, out var id))
        {
            return id;
        }

        foreach (var (k, i) in newRules)
        {
            if (k == key)
            {
                return i;
            }
        }

        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT id FROM rules WHERE name = $name AND hint IS $hint AND kb_url IS $url;
            """;
        command.Parameters.AddWithValue("$name", key.Item1);
        command.Parameters.AddWithValue("$hint", (object?)key.Hint ?? DBNull.Value);
        command.Parameters.AddWithValue("$url", (object?)key.Item3 ?? DBNull.Value);
        if (command.ExecuteScalar() is long existing)
        {
            id = existing;
        }
        else
        {
            command.CommandText = "INSERT INTO rules (name, hint, kb_url) VALUES ($name, $hint, $url) RETURNING id;";
            id = (long)command.ExecuteScalar()!;
        }

        newRules.Add((key, id));
        return id;
    }
}
