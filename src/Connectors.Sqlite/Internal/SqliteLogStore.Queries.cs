using Microsoft.Data.Sqlite;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

internal sealed partial class SqliteLogStore
{
    private const string EntryColumns = """
        e.id, e.ts, e.tz, s.name, e.line, o.terminal, o.organization, o.component, o.level, e.kind, e.severity,
        t.hash, t.text, r.name, r.hint, r.kb_url, e.reference, e.message, e.params, r.origin
        """;

    private const string EntryJoins = """
        JOIN sources s ON s.id = e.source_id
        JOIN origins o ON o.id = e.origin_id
        JOIN templates t ON t.id = e.template_id
        LEFT JOIN rules r ON r.id = e.rule_id
        """;

    public async ValueTask<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        return await ReadAsync(connection => PageAsync(connection, query, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private static async Task<LogPage> PageAsync(SqliteConnection connection, LogQuery query, CancellationToken cancellationToken)
    {
        // A rare word's matches are read from the full-text index and sorted. A common word is searched among
        // the newest entries first, in growing windows of time, where it fills a page; failing that, like a rare one.
        var match = query.Text is null ? null : FullTextMatch(query.Text);
        if (match is null)
        {
            return await ReadPageAsync(connection, query, null, null, cancellationToken).ConfigureAwait(false);
        }

        if (await IsRareAsync(connection, match, cancellationToken).ConfigureAwait(false))
        {
            return await ReadPageAsync(connection, query, match, null, cancellationToken).ConfigureAwait(false);
        }

        await foreach (var window in RecentWindowsAsync(connection, query, cancellationToken).ConfigureAwait(false))
        {
            // A full page found after the window's start is exactly the page: anything older ranks below it.
            var page = await ReadPageAsync(connection, query, null, window, cancellationToken).ConfigureAwait(false);
            if (page.Next is not null)
            {
                return page;
            }
        }

        return await ReadPageAsync(connection, query, match, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The last ten minutes, hour and six hours before the query's upper bound, each with the row ids its entries span.</summary>
    private static async IAsyncEnumerable<(long FromTicks, long LowId, long HighId)> RecentWindowsAsync(
        SqliteConnection connection, LogQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long newest;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT max(ts) FROM entries WHERE ts < $to;";
            var to = query.To?.UtcTicks ?? long.MaxValue;
            if (query.After is not null)
            {
                to = Math.Min(to, LogCursor.Decode(query.After).UtcTicks + 1);
            }

            command.Parameters.AddWithValue("$to", to);
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long n)
            {
                yield break;
            }

            newest = n;
        }

        foreach (var minutes in (int[])[10, 60, 360])
        {
            var from = newest - (minutes * TimeSpan.TicksPerMinute);
            if (query.From is { } f && f.UtcTicks >= from)
            {
                break;
            }

            using var command = connection.CreateCommand();
            command.CommandText = "SELECT min(id), max(id) FROM entries WHERE ts >= $from AND ts <= $newest;";
            command.Parameters.AddWithValue("$from", from);
            command.Parameters.AddWithValue("$newest", newest);
            (long, long)? ids = null;
            var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await using (reader.ConfigureAwait(false))
            {
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false) && !reader.IsDBNull(0))
                {
                    ids = (reader.GetInt64(0), reader.GetInt64(1));
                }
            }

            if (ids is { } range)
            {
                yield return (from, range.Item1, range.Item2);
            }
        }
    }

    /// <summary>Whether a word has so few matches (at most 1,000) that reading and sorting them all is cheapest.</summary>
    private static async Task<bool> IsRareAsync(SqliteConnection connection, string match, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) <= 1000 FROM (SELECT rowid FROM entries_text WHERE entries_text MATCH $match LIMIT 1001);";
        command.Parameters.AddWithValue("$match", match);
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! != 0;
    }

    /// <param name="textFirst">The full-text query to start from (a rare word), or <see langword="null"/> to walk the time index.</param>
    /// <param name="window">Only entries from this instant, whose matches lie between these row ids.</param>
    private static async Task<LogPage> ReadPageAsync(
        SqliteConnection connection, LogQuery query, string? textFirst, (long FromTicks, long LowId, long HighId)? window, CancellationToken cancellationToken)
    {
        var walk = textFirst is null && window is null && await WalksTimeAsync(connection, query, cancellationToken).ConfigureAwait(false);
        using var command = connection.CreateCommand();
        var where = Where(textFirst is not null ? query with { Text = null } : query, command, window);
        if (query.After is not null)
        {
            var (ticks, id) = LogCursor.Decode(query.After);

            // The first term bounds a walk of entries_time; the second is the cursor's order.
            where.Append(" AND e.ts <= $after_ts AND (e.ts < $after_ts OR (e.ts = $after_ts AND e.id < $after_id))");
            command.Parameters.AddWithValue("$after_ts", ticks);
            command.Parameters.AddWithValue("$after_id", id);
        }

        var from = walk ? "entries e INDEXED BY entries_time" : "entries e";
        if (textFirst is not null)
        {
            // CROSS JOIN keeps this join order: the index's matches first, then their rows.
            from = "(SELECT rowid AS id FROM entries_text WHERE entries_text MATCH $match) m CROSS JOIN entries e ON e.id = m.id";
            command.Parameters.AddWithValue("$match", textFirst);
        }

        command.CommandText = $"SELECT {EntryColumns} FROM {from} {EntryJoins} WHERE {where} ORDER BY e.ts DESC, e.id DESC LIMIT $limit;";
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        var entries = new List<LogEntry>();
        long lastTicks = 0, lastId = 0;
        var more = false;
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (entries.Count == query.Limit)
                {
                    more = true;
                    break;
                }

                entries.Add(ReadEntry(reader));
                (lastId, lastTicks) = (reader.GetInt64(0), reader.GetInt64(1));
            }
        }

        return new LogPage(entries, more ? LogCursor.Encode(lastTicks, lastId) : null);
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, Task<T>> read, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return await read(connection).ConfigureAwait(false);
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }

    private static LogEntry ReadEntry(SqliteDataReader r) => new()
    {
        Timestamp = ToTime(r.GetInt64(1), r.GetInt32(2)),
        Position = new LogPosition(r.GetString(3), r.GetInt64(4)),
        Terminal = r.IsDBNull(5) ? null : r.GetString(5),
        Organization = r.IsDBNull(6) ? null : r.GetString(6),
        Component = r.IsDBNull(7) ? null : r.GetString(7),
        Level = r.GetString(8),
        Kind = (LogKind)r.GetInt32(9),
        Severity = (LogSeverity)r.GetInt32(10),
        TemplateId = unchecked((ulong)r.GetInt64(11)),
        Template = r.GetString(12),
        Rule = r.IsDBNull(13) ? null : r.GetString(13),
        Hint = r.IsDBNull(14) ? null : r.GetString(14),
        KnowledgeBaseUrl = r.IsDBNull(15) ? null : new Uri(r.GetString(15), UriKind.Absolute),
        Origin = r.IsDBNull(19) ? null : r.GetString(19),
        Reference = r.IsDBNull(16) ? null : r.GetString(16),
        Message = r.IsDBNull(17) ? MessageParams.Join(r.GetString(12), r.GetString(18)) : r.GetString(17),
    };

    private static DateTimeOffset ToTime(long utcTicks, int offsetMinutes) =>
        new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offsetMinutes));
}
