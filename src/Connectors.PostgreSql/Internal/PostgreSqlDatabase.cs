using System.Globalization;
using Npgsql;

namespace PosFleet.Connectors.PostgreSql.Internal;

/// <summary>
/// The server database every PostgreSQL store shares: its data source (one pool per host) and its schema, migrated
/// once per process at start-up under a session advisory lock, so that several instances starting together apply each
/// migration once and wait for one another.
/// </summary>
internal sealed partial class PostgreSqlDatabase : IAsyncDisposable, IDisposable
{
    private readonly SemaphoreSlim _initialize = new(1, 1);
    private readonly bool _ownsDataSource;
    private readonly TimeSpan _migrationLockTimeout;
    private volatile bool _ready;

    public PostgreSqlDatabase(PostgreSqlStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ownsDataSource = options.DataSource is null;
        DataSource = options.DataSource ?? NpgsqlDataSource.Create(options.ConnectionString);
        PartitionTicks = options.LogPartitionInterval.Ticks;
        _migrationLockTimeout = options.MigrationLockTimeout;
        OutboxLeaseTicks = options.OutboxLeaseDuration.Ticks;
    }

    /// <summary>The data source connections are opened from.</summary>
    public NpgsqlDataSource DataSource { get; }

    /// <summary>How many .NET ticks one log partition spans.</summary>
    public long PartitionTicks { get; }

    /// <summary>How many .NET ticks an instance stays the outbox's only sender after it peeked.</summary>
    public long OutboxLeaseTicks { get; }

    /// <summary>The server and database, for error messages (never the password).</summary>
    public string Name
    {
        get
        {
            var b = new NpgsqlConnectionStringBuilder(DataSource.ConnectionString);
            return string.Create(CultureInfo.InvariantCulture, $"{b.Database ?? b.Username} on {b.Host}:{b.Port}");
        }
    }

    /// <summary>Opens a connection, migrating the database first when that was not done yet.</summary>
    public async ValueTask<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_ready)
        {
            await EnsureReadyAsync(cancellationToken).ConfigureAwait(false);
        }

        return await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Applies the missing migrations, once: at host start-up, or on first use.</summary>
    public async Task EnsureReadyAsync(CancellationToken cancellationToken)
    {
        await _initialize.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_ready)
            {
                return;
            }

            NpgsqlConnection connection;
            try
            {
                connection = await DataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
            {
                throw new PosFleetStorageException($"The PostgreSQL database {Name} cannot be reached ({ex.Message.TrimEnd('.')}): check the server, the connection string and the credentials.", ex);
            }

            await using (connection.ConfigureAwait(false))
            {
                await MigrateAsync(connection, cancellationToken).ConfigureAwait(false);
            }

            _ready = true;
        }
        finally
        {
            _initialize.Release();
        }
    }

    public void Dispose()
    {
        if (_ownsDataSource)
        {
            DataSource.Dispose();
        }

        _initialize.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownsDataSource)
        {
            await DataSource.DisposeAsync().ConfigureAwait(false);
        }

        _initialize.Dispose();
    }

    private async Task MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await LockForMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, $"CREATE TABLE IF NOT EXISTS {PostgreSqlMigrations.VersionTable} (version integer NOT NULL)", cancellationToken).ConfigureAwait(false);
            int version;
            using (var read = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {PostgreSqlMigrations.VersionTable}", connection))
            {
                version = (int)(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
            }

            if (version > PostgreSqlMigrations.Latest)
            {
                throw new PosFleetStorageException(string.Create(CultureInfo.InvariantCulture,
                    $"The PostgreSQL database {Name} is at schema version {version}, written by a newer PosFleet; this version knows up to {PostgreSqlMigrations.Latest}: upgrade PosFleet on this host. The database was not changed."));
            }

            foreach (var (number, sql) in PostgreSqlMigrations.All.Where(m => m.Version > version))
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await ExecuteAsync(connection, transaction, sql, cancellationToken).ConfigureAwait(false);
                    await ExecuteAsync(connection, transaction, string.Create(CultureInfo.InvariantCulture,
                        $"DELETE FROM {PostgreSqlMigrations.VersionTable}; INSERT INTO {PostgreSqlMigrations.VersionTable} (version) VALUES ({number})"), cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await CheckPartitionIntervalAsync(connection, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({PostgreSqlMigrations.LockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Takes the session lock: a second instance starting now waits here until the first has migrated, then finds nothing
    /// to do. The wait is bounded (lock_timeout applies to advisory locks) so that a lock held by a stuck session fails
    /// start-up with what to check instead of hanging it.
    /// </summary>
    private async Task LockForMigrationAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var milliseconds = (long)Math.Ceiling(_migrationLockTimeout.TotalMilliseconds);
        await ExecuteAsync(connection, null, string.Create(CultureInfo.InvariantCulture, $"SET lock_timeout = {milliseconds}"), cancellationToken).ConfigureAwait(false);
        try
        {
            using var command = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgreSqlMigrations.LockKey})", connection);
            command.CommandTimeout = (int)Math.Ceiling(_migrationLockTimeout.TotalSeconds) + 30;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.LockNotAvailable)
        {
            throw new PosFleetStorageException(string.Create(CultureInfo.InvariantCulture,
                $"The PostgreSQL database {Name} was not migrated: its migration lock (advisory lock {PostgreSqlMigrations.LockKey}) stayed held by another session for {_migrationLockTimeout} (PostgreSqlStorageOptions.MigrationLockTimeout). Another PosFleet instance may still be migrating it: wait and start again, or raise MigrationLockTimeout; otherwise find the session holding it (SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted) and end it. The database was not changed."),
                ex);
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                await ExecuteAsync(connection, null, "RESET lock_timeout", CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
