using System.Data.Common;
using Microsoft.Data.Sqlite;
using PosFleet.Sync.Inbox;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The back office's inbox in the SQLite file. A transaction is a <c>BEGIN IMMEDIATE</c> on its own connection, so
/// the handler's writes through <see cref="ISyncInboxTransaction.Transaction"/> and the inbox record commit together;
/// one transaction at a time in this process (the others would only spin on the busy timeout), and SQLite's write
/// lock between processes.
/// </summary>
internal sealed partial class SqliteSyncInboxStore(SqliteDatabase database) : ISyncInboxStore, IDisposable
{
    private readonly SemaphoreSlim _write = new(1, 1);

    public async ValueTask<ISyncInboxTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        SqliteConnection? connection = null;
        try
        {
            connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            var transaction = connection.BeginTransaction(deferred: false);
            return new InboxTransaction(this, connection, transaction);
        }
        catch (Exception ex)
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            _write.Release();
            throw ex is SqliteException sqlite ? database.Explain(sqlite) : ex;
        }
    }

    public async ValueTask<bool> ContainsAsync(string terminalId, Guid messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terminalId);
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT EXISTS (SELECT 1 FROM sync_inbox WHERE terminal = $terminal AND message_id = $id);";
            command.Parameters.AddWithValue("$terminal", terminalId);
            command.Parameters.AddWithValue("$id", messageId.ToString("D"));
            return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! == 1;
        }
    }

    public async ValueTask<long> PurgeAsync(DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        long deleted = 0;
        while (true)
        {
            // In chunks, so that the write lock is never held long while terminals exchange.
            await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = """
                        DELETE FROM sync_dead_letters WHERE rowid IN (SELECT rowid FROM sync_dead_letters WHERE rejected_at < $before LIMIT $chunk);
                        DELETE FROM sync_inbox WHERE rowid IN (SELECT rowid FROM sync_inbox WHERE received_at < $before LIMIT $chunk);
                        """;
                    command.Parameters.AddWithValue("$before", olderThan.UtcTicks);
                    command.Parameters.AddWithValue("$chunk", database.RetentionChunkSize);
                    var chunk = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    deleted += chunk;
                    if (chunk < database.RetentionChunkSize)
                    {
                        return deleted;
                    }
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
        }
    }

    public void Dispose() => _write.Dispose();

    private sealed class InboxTransaction(SqliteSyncInboxStore store, SqliteConnection connection, SqliteTransaction transaction) : ISyncInboxTransaction
    {
        private bool _done;

        public DbConnection? Connection => connection;

        public DbTransaction? Transaction => transaction;

        public async ValueTask<bool> TryRecordAsync(SyncInboxRecord record, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(record);
            ObjectDisposedException.ThrowIf(_done, this);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO sync_inbox (terminal, message_id, organization, received_at) VALUES ($terminal, $id, $organization, $received)
                ON CONFLICT (terminal, message_id) DO NOTHING;
                """;
            command.Parameters.AddWithValue("$terminal", record.TerminalId);
            command.Parameters.AddWithValue("$id", record.MessageId.ToString("D"));
            command.Parameters.AddWithValue("$organization", record.Organization);
            command.Parameters.AddWithValue("$received", record.ReceivedAt.UtcTicks);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }

        public async ValueTask RecordDeadLetterAsync(SyncDeadLetter deadLetter, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(deadLetter);
            ObjectDisposedException.ThrowIf(_done, this);
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO sync_dead_letters (terminal, message_id, organization, type, payload, reason, rejected_at)
                VALUES ($terminal, $id, $organization, $type, $payload, $reason, $at)
                ON CONFLICT (terminal, message_id) DO NOTHING;
                """;
            command.Parameters.AddWithValue("$terminal", deadLetter.TerminalId);
            command.Parameters.AddWithValue("$id", deadLetter.MessageId.ToString("D"));
            command.Parameters.AddWithValue("$organization", deadLetter.Organization);
            command.Parameters.AddWithValue("$type", deadLetter.Type);
            command.Parameters.AddWithValue("$payload", deadLetter.Payload);
            command.Parameters.AddWithValue("$reason", deadLetter.Reason);
            command.Parameters.AddWithValue("$at", deadLetter.RejectedAt.UtcTicks);
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
            try
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
                await connection.DisposeAsync().ConfigureAwait(false);
            }
            finally
            {
                store._write.Release();
            }
        }
    }
}
