using System.Collections.Concurrent;
using System.Text;
using Npgsql;
using NpgsqlTypes;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// The log store on PostgreSQL: entries in time partitions created on demand, appended with binary <c>COPY</c> in one
/// transaction with their hourly rollups and their source's checkpoint (whose row is locked, so that replays and concurrent ingests of one
/// source store each line once); full-text search over a GIN-indexed tsvector of the words every store splits alike.
/// </summary>
internal sealed partial class PostgreSqlLogStore(PostgreSqlDatabase database) : ILogStore
{
    /// <summary>The longest word kept in the full-text index, in UTF-8 bytes (a lexeme holds at most 2046; a query word at most 1024).</summary>
    private const int MaxWordBytes = 2046;

    private const string CopyColumns =
        "ts, tz, source, generation, line, terminal, organization, component, level, kind, severity, template_id, template, rule, hint, kb_url, reference, message, words, origin";

    private readonly ConcurrentDictionary<long, bool> _partitions = new();

    public async ValueTask<int> AppendAsync(LogBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var checkpoint = batch.Checkpoint;
        foreach (var entry in batch.Entries)
        {
            if (!string.Equals(entry.Position.Source, checkpoint.Source, StringComparison.Ordinal))
            {
                throw new ArgumentException($"The batch's entries must come from its checkpoint's source '{checkpoint.Source}'; line {entry.Position} does not.", nameof(batch));
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            for (var attempt = 1; ; attempt++)
            {
                await EnsurePartitionsAsync(connection, batch.Entries, cancellationToken).ConfigureAwait(false);
                try
                {
                    return await AppendOnceAsync(connection, batch, cancellationToken).ConfigureAwait(false);
                }
                catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.CheckViolation && attempt == 1)
                {
                    // Another instance's retention dropped a partition this one knew: find out again which exist.
                    _partitions.Clear();
                }
            }
        }
    }

    public async ValueTask<IngestCheckpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = new NpgsqlCommand(
                "SELECT byte_offset, line, fingerprint, identity, generation FROM log_sources WHERE name = @source AND line IS NOT NULL", connection);
            command.Parameters.AddWithValue("source", source);
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using var readerScope = reader.ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            return new IngestCheckpoint(
                source,
                reader.GetInt64(0),
                reader.GetInt64(1),
                unchecked((ulong)reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetInt64(4));
        }
    }

    private async Task<int> AppendOnceAsync(NpgsqlConnection connection, LogBatch batch, CancellationToken cancellationToken)
    {
        var checkpoint = batch.Checkpoint;
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            using (var upsert = new NpgsqlCommand("INSERT INTO log_sources (name) VALUES (@source) ON CONFLICT (name) DO NOTHING", connection, transaction))
            {
                upsert.Parameters.AddWithValue("source", checkpoint.Source);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            long? storedLine = null;
            long storedGeneration = 0;
            using (var read = new NpgsqlCommand("SELECT line, generation FROM log_sources WHERE name = @source FOR UPDATE", connection, transaction))
            {
                read.Parameters.AddWithValue("source", checkpoint.Source);
                var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0))
                {
                    storedLine = reader.GetInt64(0);
                    storedGeneration = reader.GetInt64(1);
                }
            }

            if (storedLine is { } line && (checkpoint.Generation < storedGeneration || (checkpoint.Generation == storedGeneration && checkpoint.Line < line)))
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }

            var skipThrough = storedLine is { } l && storedGeneration == checkpoint.Generation ? l : 0;
            var added = new List<LogEntry>(batch.Entries.Count);
            var importer = await connection.BeginBinaryImportAsync($"COPY log_entries ({CopyColumns}) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false);
            await using (importer.ConfigureAwait(false))
            {
                foreach (var entry in batch.Entries)
                {
                    if (entry.Position.Line <= skipThrough)
                    {
                        continue;
                    }

                    await WriteRowAsync(importer, entry, checkpoint.Generation, cancellationToken).ConfigureAwait(false);
                    added.Add(entry);
                }

                await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }

            await AddToHoursAsync(connection, transaction, added, cancellationToken).ConfigureAwait(false);
            await AddToTemplateTerminalsAsync(connection, transaction, added, cancellationToken).ConfigureAwait(false);

            using (var update = new NpgsqlCommand(
                "UPDATE log_sources SET byte_offset = @offset, line = @line, fingerprint = @fingerprint, identity = @identity, generation = @generation WHERE name = @source",
                connection,
                transaction))
            {
                update.Parameters.AddWithValue("source", checkpoint.Source);
                update.Parameters.AddWithValue("offset", checkpoint.Offset);
                update.Parameters.AddWithValue("line", checkpoint.Line);
                update.Parameters.AddWithValue("fingerprint", unchecked((long)checkpoint.Fingerprint));
                update.Parameters.Add(new NpgsqlParameter("identity", NpgsqlDbType.Text) { Value = (object?)checkpoint.Identity ?? DBNull.Value });
                update.Parameters.AddWithValue("generation", checkpoint.Generation);
                await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return added.Count;
        }
    }

    private static async Task WriteRowAsync(NpgsqlBinaryImporter importer, LogEntry entry, long generation, CancellationToken cancellationToken)
    {
        await importer.StartRowAsync(cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(entry.Timestamp.UtcTicks, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync((short)entry.Timestamp.Offset.TotalMinutes, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(entry.Position.Source, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(generation, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(entry.Position.Line, NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Terminal, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Organization, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Component, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(entry.Level, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync((short)entry.Kind, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync((short)entry.Severity, NpgsqlDbType.Smallint, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(unchecked((long)entry.TemplateId), NpgsqlDbType.Bigint, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(entry.Template, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Rule, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Hint, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.KnowledgeBaseUrl?.OriginalString, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Reference, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(entry.Message, NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await importer.WriteAsync(IndexedWords(entry.Message), NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken).ConfigureAwait(false);
        await WriteTextAsync(importer, entry.Origin, cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteTextAsync(NpgsqlBinaryImporter importer, string? value, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    /// <summary>The message's distinct words as every store splits them (<see cref="LogText"/>), too long ones left out.</summary>
    private static string[] IndexedWords(string message) =>
        [.. LogText.Words(message).Where(w => w.Length * 3 <= MaxWordBytes || Encoding.UTF8.GetByteCount(w) <= MaxWordBytes).Distinct(StringComparer.Ordinal)];
}
