using System.Globalization;
using Microsoft.Data.Sqlite;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.Sqlite.Internal;

/// <summary>
/// The database file: opens pooled connections with the busy timeout set, and on first use checks the file (a SQLite
/// database, not corrupt, not from a newer version) and applies the missing migrations in one transaction. A file
/// that fails a check is never written to.
/// </summary>
internal sealed class SqliteDatabase : IDisposable
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private const int SqliteReadOnly = 8;
    private const int SqliteCantOpen = 14;
    private const int SqlitePermission = 3;
    private const int SqliteIoError = 10;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private static ReadOnlySpan<byte> Header => "SQLite format 3\0"u8;

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

    /// <summary>Opens a connection, checking and migrating the file first if this is the first one.</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        return await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Turns what SQLite says about an unusable file into an error that names the file and says what to do.</summary>
    public Exception Explain(SqliteException ex) => ex.SqliteErrorCode switch
    {
        SqliteCorrupt or SqliteNotADatabase => new LogStoreException(
            $"The database '{Path}' is corrupt ({ex.Message.TrimEnd('.')}): restore it from a backup or move it aside; it was not changed.", ex),
        SqliteReadOnly or SqliteCantOpen or SqlitePermission or SqliteIoError => new LogStoreException(
            $"The database '{Path}' cannot be opened for writing ({ex.Message.TrimEnd('.')}): check that the file and its directory are writable, or choose another location.", ex),
        SqliteBusy or SqliteLocked => new LogStoreException(
            $"The database '{Path}' stayed busy ({ex.Message.TrimEnd('.')}): another process holds it; try again later.", ex),
        _ => new LogStoreException(
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

    private async Task InitializeAsync(CancellationToken cancellationToken)
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

    /// <summary>Refuses a file that is not a SQLite database before SQLite is let near it.</summary>
    private void CheckHeader()
    {
        if (Path.Length == 0 || Path == ":memory:" || !File.Exists(Path))
        {
            return;
        }

        Span<byte> header = stackalloc byte[16];
        int read;
        long length;
        try
        {
            using var file = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            length = file.Length;
            if (length == 0)
            {
                return;
            }

            read = file.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new LogStoreException($"The database '{Path}' cannot be read ({ex.Message}): check its permissions.", ex);
        }

        if (read < header.Length || !header.SequenceEqual(Header))
        {
            throw new LogStoreException($"The file '{Path}' is not a SQLite database: move it aside or choose another file; it was not changed.");
        }

        if (length < 512)
        {
            throw new LogStoreException($"The database '{Path}' is truncated ({length} bytes, shorter than one page): restore it from a backup or move it aside; it was not changed.");
        }
    }

    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        // Read-only checks first: nothing is written to a file that fails one.
        if (_check)
        {
            var problems = new List<string>();
            using (var check = connection.CreateCommand())
            {
                check.CommandText = "PRAGMA quick_check(3);";
                var reader = await check.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                    {
                        problems.Add(reader.GetString(0));
                    }
                }
            }

            if (problems is not ["ok"])
            {
                throw new LogStoreException(
                    $"The database '{Path}' is corrupt (quick_check: {string.Join("; ", problems)}): restore it from a backup or move it aside; it was not changed.");
            }
        }

        var version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        var latest = SqliteMigrations.Latest;
        if (version > latest)
        {
            throw new LogStoreException(
                $"The database '{Path}' was written by a newer version of PosFleet (schema {version}; this version knows schemas up to {latest}): open it with that version or newer; it was not changed.");
        }

        if (version == 0
            && Convert.ToInt64(await ScalarAsync(connection, "SELECT count(*) FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\';", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0)
        {
            // Another application's database: ours always carries a user_version once it has tables.
            throw new LogStoreException($"The database '{Path}' is not a PosFleet store (it holds other tables): choose another file; it was not changed.");
        }

        if (!string.Equals((string?)await ScalarAsync(connection, "PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false), "wal", StringComparison.OrdinalIgnoreCase)
            && Path != ":memory:")
        {
            throw new LogStoreException($"The database '{Path}' cannot be switched to write-ahead logging: check that its directory is writable.");
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
        version = Convert.ToInt32(await ScalarAsync(connection, "PRAGMA user_version;", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        foreach (var (number, sql) in SqliteMigrations.All.Where(m => m.Version > version))
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql + string.Create(CultureInfo.InvariantCulture, $"\nPRAGMA user_version = {number};");
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }
}
