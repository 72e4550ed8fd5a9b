using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PosFleet.Connectors.PostgreSql.Internal.Changes;
using PosFleet.Sync.Changes;

namespace PosFleet.Connectors.PostgreSql.Tests.Sync;

/// <summary>Back offices on new databases of the test run's server, with the host's tables created before PosFleet starts.</summary>
internal sealed class PostgreSqlChangeHosts(PostgreSqlServer server) : IDisposable
{
    private readonly Dictionary<IServiceProvider, string> _connectionStrings = [];

    /// <summary>A back office on a new database holding <paramref name="schema"/>, its tracking installed.</summary>
    public async Task<ServiceProvider> CreateAsync(string schema, Action<SyncTablesOptions> configure, string? connectionString = null)
    {
        connectionString ??= await server.CreateDatabaseAsync();
        if (schema.Length > 0)
        {
            await ExecuteAsync(connectionString, schema);
        }

        var provider = Build(connectionString, configure);
        await provider.GetRequiredService<PostgreSqlChangeTracking>().EnsureInstalledAsync(CancellationToken.None);
        return provider;
    }

    /// <summary>A back office (or, with <paramref name="fleet"/>, a terminal) on <paramref name="connectionString"/>, nothing installed yet.</summary>
    public ServiceProvider Build(string connectionString, Action<SyncTablesOptions> configure, Action<PosFleetOptions>? fleet = null)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet(fleet).UsePostgreSqlStorage(connectionString).AddSyncTables(configure);
        var provider = services.BuildServiceProvider();
        provider.ValidatePosFleetOptions();
        _connectionStrings[provider] = connectionString;
        return provider;
    }

    public string ConnectionString(IServiceProvider backOffice) => _connectionStrings[backOffice];

    public async Task<NpgsqlConnection> OpenAsync(IServiceProvider backOffice)
    {
        var connection = new NpgsqlConnection(_connectionStrings[backOffice]);
        await connection.OpenAsync();
        return connection;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        foreach (var provider in _connectionStrings.Keys.OfType<IDisposable>())
        {
            provider.Dispose();
        }
    }
}
