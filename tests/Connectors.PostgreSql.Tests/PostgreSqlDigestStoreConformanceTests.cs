using Microsoft.Extensions.DependencyInjection;
using PosFleet.Digests;
using PosFleet.Testing.Digests;

namespace PosFleet.Connectors.PostgreSql.Tests;

/// <summary>The digest store conformance suite on a real PostgreSQL server, a new database per test, registered as a host would.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlDigestStoreConformanceTests(PostgreSqlServer server) : DigestStoreConformanceTests, IDisposable
{
    private readonly List<ServiceProvider> _providers = [];

    protected override async Task<IDigestStore> CreateStoreAsync()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddDigests().UsePostgreSqlStorage(await server.CreateDatabaseAsync());
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IDigestStore>();
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }
    }
}
