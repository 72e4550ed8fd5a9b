using Microsoft.Data.Sqlite;

namespace PosFleet.Connectors.Sqlite.Internal.Actions;

/// <summary>
/// How the terminal's journal and the back office's action store reach their SQLite file: writes one at a time in
/// this process, each in one <c>BEGIN IMMEDIATE</c> transaction (SQLite's write lock between processes); reads on a
/// connection of their own; a <see cref="SqliteException"/> explained by <see cref="SqliteDatabase.Explain"/>.
/// </summary>
internal sealed class SqliteActionsAccess(SqliteDatabase database) : IDisposable
{
    private readonly SemaphoreSlim _write = new(1, 1);

    /// <summary>The file, for what needs more than one statement outside a write (a consistent read of an upload).</summary>
    public SqliteDatabase Database => database;

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> write, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                using var transaction = connection.BeginTransaction(deferred: false);
                var result = write(connection, transaction);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
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

    public async Task<T> ReadAsync<T>(Func<SqliteConnection, T> read, CancellationToken cancellationToken)
    {
        var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                return read(connection);
            }
            catch (SqliteException ex)
            {
                throw database.Explain(ex);
            }
        }
    }

    public void Dispose() => _write.Dispose();
}
