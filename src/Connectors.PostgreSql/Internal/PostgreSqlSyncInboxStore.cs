using System.Data.Common;
using Npgsql;
using PosFleet.Sync.Inbox;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// The back office's inbox on PostgreSQL. A transaction is a database transaction on its own connection, so the
/// handler's writes through <see cref="ISyncInboxTransaction.Transaction"/> and the inbox record commit together. Two
/// transactions recording one message (two instances, one terminal's replay) are serialized by the primary key: the
/// second insert waits for the first transaction and finds the row once it commits, so one of them applies it.
/// </summary>
internal sealed class PostgreSqlSyncInboxStore(PostgreSqlDatabase database) : ISyncInboxStore
{
    private const string DeadLetterColumns = "terminal, message_id, organization, type, payload, reason, rejected_at";

    public async ValueTask<ISyncInboxTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            return new InboxTransaction(connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask<bool> ContainsAsync(string terminalId, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        return (bool)(await database.ScalarAsync(
            "SELECT EXISTS (SELECT 1 FROM sync_inbox WHERE terminal = @terminal AND message_id = @id)", cancellationToken, ("terminal", terminalId), ("id", messageId))
            .ConfigureAwait(false))!;
    }

    public async ValueTask<SyncDeadLetter?> FindDeadLetterAsync(string terminalId, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        return (await database.QueryAsync(
            $"SELECT {DeadLetterColumns} FROM sync_dead_letters WHERE terminal = @terminal AND message_id = @id", ReadDeadLetter, cancellationToken, ("terminal", terminalId), ("id", messageId))
            .ConfigureAwait(false)).FirstOrDefault();
    }

    public async ValueTask<IReadOnlyList<SyncDeadLetter>> ListDeadLettersAsync(string terminalId, int maxCount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        ArgumentOutOfRangeException.ThrowIfNegative(maxCount);
        return await database.QueryAsync(
            $"SELECT {DeadLetterColumns} FROM sync_dead_letters WHERE terminal = @terminal ORDER BY rejected_at DESC, message_id DESC LIMIT @count",
            ReadDeadLetter,
            cancellationToken,
            ("terminal", terminalId),
            ("count", maxCount)).ConfigureAwait(false);
    }

    public async ValueTask<long> CountDeadLettersAsync(string terminalId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        return (long)(await database.ScalarAsync("SELECT count(*) FROM sync_dead_letters WHERE terminal = @terminal", cancellationToken, ("terminal", terminalId))
            .ConfigureAwait(false))!;
    }

    public async ValueTask<long> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        await database.ExecuteAsync(
            "DELETE FROM sync_dead_letters WHERE rejected_at < @before; DELETE FROM sync_inbox WHERE received_at < @before",
            cancellationToken,
            ("before", olderThan.UtcTicks)).ConfigureAwait(false);

    private static SyncDeadLetter ReadDeadLetter(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetGuid(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), new DateTimeOffset(r.GetInt64(6), TimeSpan.Zero));

    private sealed class InboxTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction) : ISyncInboxTransaction
    {
        private bool _done;

        public DbConnection? Connection => connection;

        public DbTransaction? Transaction => transaction;

        public async ValueTask<bool> TryRecordAsync(SyncInboxRecord record, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(record);
            ObjectDisposedException.ThrowIf(_done, this);
            using var command = PostgreSqlDatabase.Command(
                connection,
                transaction,
                """
                INSERT INTO sync_inbox (terminal, message_id, organization, received_at) VALUES (@terminal, @id, @organization, @received)
                ON CONFLICT (terminal, message_id) DO NOTHING
                """,
                ("terminal", record.TerminalId),
                ("id", record.MessageId),
                ("organization", record.Organization),
                ("received", record.ReceivedAt.UtcTicks));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async ValueTask RecordDeadLetterAsync(SyncDeadLetter deadLetter, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(deadLetter);
            ObjectDisposedException.ThrowIf(_done, this);
            using var command = PostgreSqlDatabase.Command(
                connection,
                transaction,
                $"""
                INSERT INTO sync_dead_letters ({DeadLetterColumns}) VALUES (@terminal, @id, @organization, @type, @payload, @reason, @at)
                ON CONFLICT (terminal, message_id) DO NOTHING
                """,
                ("terminal", deadLetter.TerminalId),
                ("id", deadLetter.MessageId),
                ("organization", deadLetter.Organization),
                ("type", deadLetter.Type),
                ("payload", deadLetter.Payload),
                ("reason", deadLetter.Reason),
                ("at", deadLetter.RejectedAt.UtcTicks));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask CommitAsync(CancellationToken cancellationToken)
        {
            ObjectDisposedException.ThrowIf(_done, this);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            await DisposeAsync().ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            if (_done)
            {
                return;
            }

            _done = true;
            await transaction.DisposeAsync().ConfigureAwait(false);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }
}
