using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync;
using PosFleet.Sync.Configurations;
using PosFleet.Testing.Sync;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>The configuration store conformance suite on a real SQLite file, registered as a back office would.</summary>
public sealed class SqliteTerminalConfigurationStoreConformanceTests : TerminalConfigurationStoreConformanceTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _providers = [];

    protected override Task<ITerminalConfigurationStore> CreateStoreAsync()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet().AddSyncBackOffice().UseSqliteStorageFile(Path.Combine(_dir.Path, $"fleet-{_providers.Count}.db"), o => o.CheckOnOpen = false);
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return Task.FromResult(provider.GetRequiredService<ITerminalConfigurationStore>());
    }

    public void Dispose()
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
