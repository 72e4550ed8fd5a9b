using Microsoft.Extensions.DependencyInjection;
using PosFleet.Digests;
using PosFleet.Testing.Digests;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>The digest store conformance suite on a real SQLite file, registered as a host would.</summary>
public sealed class SqliteDigestStoreConformanceTests : DigestStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _providers = [];

    protected override Task<IDigestStore> CreateStoreAsync()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().AddDigests().UseSqliteStorage($"Data Source={Path.Combine(_dir.Path, $"fleet-{_providers.Count}.db")}");
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return Task.FromResult(provider.GetRequiredService<IDigestStore>());
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _dir.Dispose();
    }
}
