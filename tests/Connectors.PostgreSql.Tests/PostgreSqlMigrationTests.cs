using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using PosFleet.Connectors.PostgreSql.Internal;
using PosFleet.Logs.Storage;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>The schema is migrated when a host starts: once, even by hosts starting together, and never over a newer one.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlMigrationTests(PostgreSqlServer server)
{
    [Fact]
    public async Task StartAsync_FourHostsAtOnceOnANewDatabase_EachStartsAndTheSchemaIsMigratedOnce()
    {
        var connectionString = await server.CreateDatabaseAsync();
        var hosts = Enumerable.Range(0, 4).Select(_ => Host(connectionString)).ToList();

        await Task.WhenAll(hosts.Select(h => Task.Run(() => h.StartAsync())));

        Assert.Equal(PostgreSqlMigrations.Latest, await ScalarAsync<int>(connectionString, "SELECT version FROM posfleet_schema"));
        Assert.Equal(1L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM posfleet_schema"));
        Assert.Null(await hosts[3].Services.GetRequiredService<ILogStore>().GetCheckpointAsync("none", default));
        foreach (var host in hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }

    [Fact]
    public async Task StartAsync_DatabaseOfANewerVersion_FailsNamingItAndChangesNothing()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await ScalarAsync<int>(connectionString, $"CREATE TABLE posfleet_schema (version integer NOT NULL); INSERT INTO posfleet_schema VALUES ({PostgreSqlMigrations.Latest + 1}); SELECT 1");
        using var host = Host(connectionString);

        var error = await Assert.ThrowsAsync<PosFleetStorageException>(() => host.StartAsync());

        Assert.Contains("newer PosFleet", error.Message, StringComparison.Ordinal);
        Assert.Contains(new NpgsqlConnectionStringBuilder(connectionString).Database!, error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'log_entries'"));
    }

    [Fact]
    public async Task StartAsync_AnotherLogPartitionIntervalThanTheDatabases_FailsNamingTheOptionAndTheStoredOne()
    {
        var connectionString = await server.CreateDatabaseAsync();
        using (var first = Host(connectionString))
        {
            await first.StartAsync();
            await first.StopAsync();
        }

        using var same = Host(connectionString);
        using var other = Host(connectionString, TimeSpan.FromHours(6));

        await same.StartAsync();
        var error = await Assert.ThrowsAsync<PosFleetStorageException>(() => other.StartAsync());

        Assert.Contains("PostgreSqlStorageOptions.LogPartitionInterval is 06:00:00", error.Message, StringComparison.Ordinal);
        Assert.Contains("set LogPartitionInterval to 1.00:00:00", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.TicksPerDay.ToString(System.Globalization.CultureInfo.InvariantCulture),
            await ScalarAsync<string>(connectionString, "SELECT value FROM posfleet_settings WHERE name = 'log_partition_interval'"));
        await same.StopAsync();
    }

    [Fact]
    public async Task StartAsync_MigrationLockHeldByAnotherSession_FailsAfterTheTimeoutNamingTheDatabase()
    {
        var connectionString = await server.CreateDatabaseAsync();
        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({PostgreSqlMigrations.LockKey})", holder))
        {
            await take.ExecuteNonQueryAsync();
        }

        using var blocked = Host(connectionString, migrationLockTimeout: TimeSpan.FromMilliseconds(300));
        var error = await Assert.ThrowsAsync<PosFleetStorageException>(() => blocked.StartAsync());

        Assert.Contains(new NpgsqlConnectionStringBuilder(connectionString).Database!, error.Message, StringComparison.Ordinal);
        Assert.Contains("MigrationLockTimeout", error.Message, StringComparison.Ordinal);
        Assert.Contains("pg_locks", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await ScalarAsync<long>(connectionString, "SELECT count(*) FROM pg_tables WHERE tablename = 'log_entries'"));
        await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({PostgreSqlMigrations.LockKey})", holder))
        {
            await release.ExecuteNonQueryAsync();
        }

        using var after = Host(connectionString, migrationLockTimeout: TimeSpan.FromMilliseconds(300));
        await after.StartAsync();
        Assert.Equal(PostgreSqlMigrations.Latest, await ScalarAsync<int>(connectionString, "SELECT version FROM posfleet_schema"));
        await after.StopAsync();
    }

    [Fact]
    public async Task StartAsync_NoConnectionString_FailsNamingTheOption()
    {
        var builder = new HostApplicationBuilder();
        builder.Services.AddPosFleet().UsePostgreSqlStorage(_ => { });
        using var host = builder.Build();

        var error = await Assert.ThrowsAnyAsync<Microsoft.Extensions.Options.OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("PostgreSqlStorageOptions.ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static IHost Host(string connectionString, TimeSpan? partitionInterval = null, TimeSpan? migrationLockTimeout = null)
    {
        var builder = new HostApplicationBuilder();
        builder.Services.AddPosFleet().UsePostgreSqlStorage(o =>
        {
            o.ConnectionString = connectionString;
            o.LogPartitionInterval = partitionInterval ?? TimeSpan.FromDays(1);
            o.MigrationLockTimeout = migrationLockTimeout ?? TimeSpan.FromMinutes(2);
        });
        return builder.Build();
    }

    private static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
