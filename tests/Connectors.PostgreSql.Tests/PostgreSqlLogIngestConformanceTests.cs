using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs.Storage;
using PosFleet.Testing.Logs;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>
/// The ingest conformance suite on a real PostgreSQL server; after a crash the database is opened again by a new
/// provider (a new pool), as a restarted process opens it.
/// </summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlLogIngestConformanceTests(PostgreSqlServer server) : LogIngestConformanceTests
{
    private readonly List<ServiceProvider> _providers = [];
    private string? _connectionString;

    protected override async ValueTask<ILogStore> CreateStoreAsync()
    {
        _connectionString = await server.CreateDatabaseAsync();
        return Open();
    }

    protected override ValueTask<ILogStore> ReopenStoreAsync(ILogStore store)
    {
        DisposeProviders();
        return ValueTask.FromResult(Open());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            DisposeProviders();
        }

        base.Dispose(disposing);
    }

    private void DisposeProviders()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _providers.Clear();
    }

    private ILogStore Open()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UsePostgreSqlStorage(_connectionString!);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ILogStore>();
    }
}
