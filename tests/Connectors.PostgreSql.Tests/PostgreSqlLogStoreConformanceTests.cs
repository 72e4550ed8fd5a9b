using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs.Storage;
using PosFleet.Testing.Logs;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>The log store conformance suite on a real PostgreSQL server, a new database per test, registered as a host would.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlLogStoreConformanceTests(PostgreSqlServer server) : LogStoreConformanceTests, IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    protected override async ValueTask<ILogStore> CreateStoreAsync()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UsePostgreSqlStorage(await server.CreateDatabaseAsync());
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ILogStore>();
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
