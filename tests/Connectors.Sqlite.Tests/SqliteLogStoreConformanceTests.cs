using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs.Storage;
using PosFleet.Testing.Logs;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>The log store conformance suite on a real SQLite file, registered as a host would.</summary>
public sealed class SqliteLogStoreConformanceTests : LogStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _providers = [];

    protected override ValueTask<ILogStore> CreateStoreAsync()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorage(o =>
        {
            o.ConnectionString = $"Data Source={Path.Combine(_dir.Path, "fleet.db")}";
            o.RetentionChunkSize = 4;
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return ValueTask.FromResult(provider.GetRequiredService<ILogStore>());
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
