using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Sync.Inbox;

namespace PosFleet.Connectors.Sqlite.Internal;

internal sealed partial class SqliteSyncInboxStore
{
    private const string DeadLetterColumns = "terminal, message_id, organization, type, payload, reason, rejected_at";

    public async ValueTask<SyncDeadLetter?> FindDeadLetterAsync(string terminalId, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        var found = await ReadDeadLettersAsync(
            $"SELECT {DeadLetterColumns} FROM sync_dead_letters WHERE terminal = $terminal AND message_id = $id;",
            command =>
            {
                command.Parameters.AddWithValue("$terminal", terminalId);
                command.Parameters.AddWithValue("$id", messageId.ToString("D"));
            },
            cancellationToken).ConfigureAwait(false);
        return found.Count == 0 ? null : found[0];
    }

    public async ValueTask<IReadOnlyList<SyncDeadLetter>> ListDeadLettersAsync(string terminalId, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        return await ReadDeadLettersAsync(
            $"SELECT {DeadLetterColumns} FROM sync_dead_letters WHERE terminal = $terminal ORDER BY rejected_at DESC, message_id DESC LIMIT $count;",
            command =>
            {
                command.Parameters.AddWithValue("$terminal", terminalId);
                command.Parameters.AddWithValue("$count", maxCount);
            },
            cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<long> CountDeadLettersAsync(string terminalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM sync_dead_letters WHERE terminal = $terminal;";
            command.Parameters.AddWithValue("$terminal", terminalId);
            try
            {
                return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }

    private async Task<List<SyncDeadLetter>> ReadDeadLettersAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            bind(command);
            var list = new List<SyncDeadLetter>();
            try
            {
                using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    list.Add(new SyncDeadLetter(
                        reader.GetString(0),
                        Guid.Parse(reader.GetString(1), CultureInfo.InvariantCulture),
                        reader.GetString(2),
                        reader.GetString(3),
                        reader.GetString(4),
                        reader.GetString(5),
                        new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero)));
                }
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }

            return list;
        }
    }
}
