using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs.Storage;
using PosFleet.Testing.Logs;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>
/// The ingest conformance suite on a real SQLite file, registered as a host would; after a crash the file is opened
/// again by a new provider, as a restarted process opens it.
/// </summary>
public sealed class SqliteLogIngestConformanceTests : LogIngestConformanceTests
{
    private readonly TempDirectory _dir = new();
    private readonly List<ServiceProvider> _providers = [];

    protected override ValueTask<ILogStore> CreateStoreAsync() => ValueTask.FromResult(Open());

    protected override ValueTask<ILogStore> ReopenStoreAsync(ILogStore store)
    {
        foreach (var provider in _providers)
        {
            provider.Dispose();
        }

        _providers.Clear();
        SqliteConnection.ClearAllPools();
        return ValueTask.FromResult(Open());
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var provider in _providers)
            {
                provider.Dispose();
            }

            SqliteConnection.ClearAllPools();
            _dir.Dispose();
        }

        base.Dispose(disposing);
    }

    private ILogStore Open()
    {
        var services = new ServiceCollection();
        services.AddPosFleet().UseSqliteStorageFile(Path.Combine(_dir.Path, "fleet.db"));
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<ILogStore>();
    }
}
