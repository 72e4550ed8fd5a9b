using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite.Internal;
using PosFleet.Sync.Changes;
using PosFleet.Testing.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>The change importer and local reset conformance suite on real SQLite files, the host's tables created before PosFleet starts.</summary>
public sealed class SqliteChangeImporterConformanceTests : ChangeImporterConformanceTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<IServiceProvider, string> _paths = [];

    protected override async Task<IServiceProvider> CreateTerminalAsync(Action<SyncTablesOptions> configure)
    {
        var path = Path.Combine(_dir.Path, $"{TerminalId}-{_paths.Count}.db");
        SqliteFile.Execute(path, Schema);
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet(o => { o.TerminalId = TerminalId; o.Organization = Organization; })
            .UseSqliteStorageFile(path, o => o.CheckOnOpen = false)
            .AddSyncTables(configure);
        var provider = services.BuildServiceProvider();
        provider.ValidatePosFleetOptions();
        await provider.GetRequiredService<SqliteDatabase>().EnsureReadyAsync(CancellationToken.None);
        _paths[provider] = path;
        return provider;
    }

    protected override async Task<DbConnection> OpenAsync(IServiceProvider terminal)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _paths[terminal], DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    public void Dispose()
    {
        foreach (var provider in _paths.Keys.OfType<IDisposable>())
        {
            provider.Dispose();
        }

        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
