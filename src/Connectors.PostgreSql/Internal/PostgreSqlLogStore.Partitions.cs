using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using PosFleet.Logs;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>The time partitions of the entries: created on demand before an append, dropped whole by retention with their hours' rollups.</summary>
internal sealed partial class PostgreSqlLogStore
{
    /// <summary>Serializes creating and dropping partitions between instances: "PosFleet partitions" has its own advisory key.</summary>
    private const long PartitionLockKey = 0x506F7346_50617274;

    public async ValueTask<long> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var cutoff = olderThan.UtcTicks;
        long deleted = 0;
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            // Partitions wholly before the limit go at once, whatever their size; the one the limit falls in loses its older rows.
            foreach (var (name, lower, upper) in await PartitionsAsync(connection, cancellationToken).ConfigureAwait(false))
            {
                if (upper > cutoff)
                {
                    continue;
                }

                deleted += await DropPartitionAsync(connection, name, lower, upper, cancellationToken).ConfigureAwait(false);
                _partitions.TryRemove(long.Parse(name.AsSpan("log_entries_p".Length), CultureInfo.InvariantCulture), out _);
            }

            deleted += await DeleteOlderAsync(connection, cutoff, cancellationToken).ConfigureAwait(false);
        }

        return deleted;
    }

    /// <summary>
    /// Drops one partition and returns how many entries it held. The list of partitions was read before the lock: another
    /// instance running retention at the same time may have dropped this one since, so it is looked up again under the lock.
    /// </summary>
    private static async Task<long> DropPartitionAsync(NpgsqlConnection connection, string name, long lower, long upper, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PartitionLockKey})", connection, transaction))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using (var exists = new NpgsqlCommand("SELECT to_regclass(@name) IS NOT NULL", connection, transaction))
            {
                exists.Parameters.AddWithValue("name", name);
                if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!)
                {
                    return 0;
                }
            }

            long rows;
            using (var count = new NpgsqlCommand($"SELECT count(*) FROM {name}", connection, transaction))
            {
                rows = (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            // The partition's hours leave the rollups with it (partitions are cut on whole hours).
            using var drop = new NpgsqlCommand(
                $"DROP TABLE {name}; DELETE FROM log_hours WHERE hour >= @lower AND hour < @upper; DELETE FROM organization_template_terminals WHERE hour >= @lower AND hour < @upper",
                connection,
                transaction);
            drop.Parameters.AddWithValue("lower", lower);
            drop.Parameters.AddWithValue("upper", upper);
            await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return rows;
        }
    }

    /// <summary>Creates the partitions the entries fall in that this instance has not seen yet.</summary>
    private async Task EnsurePartitionsAsync(NpgsqlConnection connection, IReadOnlyList<LogEntry> entries, CancellationToken cancellationToken)
    {
        var width = database.PartitionTicks;
        HashSet<long>? missing = null;
        foreach (var entry in entries)
        {
            var ticks = entry.Timestamp.UtcTicks;
            var start = ticks - (ticks % width);
            if (!_partitions.ContainsKey(start))
            {
                (missing ??= []).Add(start);
            }
        }

        if (missing is null)
        {
            return;
        }

        var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            using (var lockCommand = new NpgsqlCommand($"SELECT pg_advisory_xact_lock({PartitionLockKey})", connection, transaction))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var start in missing)
            {
                var sql = string.Create(CultureInfo.InvariantCulture,
                    $"CREATE TABLE IF NOT EXISTS log_entries_p{start} PARTITION OF log_entries FOR VALUES FROM ({start}) TO ({start + width})");
                using var create = new NpgsqlCommand(sql, connection, transaction);
                await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var start in missing)
        {
            _partitions[start] = true;
        }
    }

    /// <summary>The partitions of the entries, with their bounds in ticks, oldest first.</summary>
    private static async Task<List<(string Name, long Lower, long Upper)>> PartitionsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        const string Sql = """
            SELECT c.relname, pg_get_expr(c.relpartbound, c.oid)
            FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
            WHERE i.inhparent = 'log_entries'::regclass
            """;
        var partitions = new List<(string, long, long)>();
        using var command = new NpgsqlCommand(Sql, connection);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            // A partition another instance's retention dropped while this list was read has no bounds any more
            // (pg_get_expr looks the relation up again, and finds none): it is gone, not to be dropped here.
            if (await reader.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false))
            {
                continue;
            }

            var match = Bounds().Match(reader.GetString(1));
            if (match.Success)
            {
                partitions.Add((reader.GetString(0), long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture), long.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture)));
            }
        }

        return [.. partitions.OrderBy(p => p.Item2)];
    }

    [GeneratedRegex(@"FROM \('?(-?\d+)'?\) TO \('?(-?\d+)'?\)", RegexOptions.CultureInvariant)]
    private static partial Regex Bounds();
}
