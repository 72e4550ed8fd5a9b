using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The database file: opens pooled connections with the busy timeout set. Before the first connection is handed out
/// (at host start-up, or on first use without a host) it checks the file (a SQLite database, as long as its header
/// says, not from a newer version; <c>PRAGMA quick_check</c> unless <see cref="SqliteStorageOptions.CheckOnOpen"/> is
/// turned off, and always before a migration) and applies the missing migrations in one transaction. A file that
/// fails a check is never written to.
/// </summary>
internal sealed partial class SqliteDatabase : IDisposable
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;
    private const int SqlitePermission = 3;
    private const int SqliteIoError = 10;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly SemaphoreSlim _initialize = new(1, 1);
    private readonly string _connectionString;
    private readonly int _busyMilliseconds;
    private readonly bool _check;
    private volatile bool _ready;

    public SqliteDatabase(SqliteStorageOptions options)
    {
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString)
        {
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        };
        _connectionString = builder.ConnectionString;
        _busyMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;
        _check = options.CheckOnOpen;
        RetentionChunkSize = options.RetentionChunkSize;
        Path = builder.DataSource;
    }

    /// <summary>The database file, as the connection string names it.</summary>
    public string Path { get; }

    public int RetentionChunkSize { get; }

    // synchronous = NORMAL in WAL mode: a crash of the process loses nothing committed; a power loss may undo the last
    // batches, but they go with their checkpoint, so the next ingest reads those lines again.

    /// <summary>Opens a connection, checking and migrating the file first if that was not done yet.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks the file and applies the missing migrations, once: at host start-up, or on first use.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        await _initialize.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            CheckHeader();
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                try
                {
                    await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
                }
                catch (SqliteException ex)
                {
                    throw Explain(ex);
                }
            }

            _ready = true;
        }
        finally
        {
            _initialize.Release();
        }
    }

    /// <summary>Turns what SQLite says about an unusable file into an error that names the file and says what to do.</summary>
    public Exception Explain(SqliteException ex) => ex.SqliteErrorCode switch
    {
        SqliteCorrupt or SqliteNotADatabase => new PosFleetStorageException(
            $"The database '{Path}' is corrupt ({ex.Message.TrimEnd('.')}): restore it from a backup or move it aside; it was not changed.", ex),
        SqliteReadOnly or SqliteCantOpen or SqlitePermission or SqliteIoError => new PosFleetStorageException(
            $"The database '{Path}' cannot be opened for writing ({ex.Message.TrimEnd('.')}): check that the file and its directory are writable, or choose another location.", ex),
        SqliteBusy or SqliteLocked => new PosFleetStorageException(
            $"The database '{Path}' stayed busy ({ex.Message.TrimEnd('.')}): another process holds it; try again later.", ex),
        _ => new PosFleetStorageException(
            $"The database '{Path}' could not be used ({ex.Message.ReplaceLineEndings(" ").TrimEnd('.')}): check the file, or choose another one.", ex),
    };

    public void Dispose()
    {
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initialize.Dispose();
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {_busyMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA cache_size = -32768;");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch (SqliteException ex)
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw Explain(ex);
        }
    }

    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // Read-only checks first: nothing is written to a file that fails one, and a corrupt file is never migrated.
        var version = await CheckVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        var latest = SqliteMigrations.Latest;
        if (_check || (version > 0 && version < latest))
        {
            await QuickCheckAsync(connection, cancellationToken).ConfigureAwait(false);
        }

        if (!string.Equals((string?)await ScalarAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false), "wal", StringComparison.OrdinalIgnoreCase)
            && Path != ":memory:")
        {
            throw new PosFleetStorageException($"The database '{Path}' cannot be switched to write-ahead logging: check that its directory is writable.");
        }

        if (version == latest)
        {
            return;
        }

        // What a migration's SQL cannot compute itself (0004 rebuilds the full-text index from templates and params).
        connection.CreateFunction<string, string?, string?, string>(
            "posfleet_message", (template, parts, message) => message ?? MessageParams.Join(template, parts ?? ""), isDeterministic: true);

        using var transaction = connection.BeginTransaction(deferred: false);
        // Another process may have migrated the file while this one waited for the lock.
        version = await ReadVersionAsync(connection, cancellationToken).ConfigureAwait(false);
        using (var table = connection.CreateCommand())
        {
            table.CommandText = $"CREATE TABLE IF NOT EXISTS {SqliteMigrations.VersionTable} (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);";
            await table.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        foreach (var (number, sql) in SqliteMigrations.All.Where(m => m.Version > version))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql + string.Create(
                CultureInfo.InvariantCulture,
                $"\nINSERT INTO {SqliteMigrations.VersionTable} (id, version) VALUES (1, {number}) ON CONFLICT (id) DO UPDATE SET version = excluded.version;");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
