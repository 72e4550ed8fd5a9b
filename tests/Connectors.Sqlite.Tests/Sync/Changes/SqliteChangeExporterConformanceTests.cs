using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite.Internal.Changes;
using PosFleet.Sync.Changes;
using PosFleet.Testing.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>The change exporter conformance suite on real SQLite files, the host's tables created before PosFleet starts.</summary>
public sealed class SqliteChangeExporterConformanceTests : ChangeExporterConformanceTests, IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly Dictionary<IServiceProvider, string> _paths = [];

    // SQLite has one writer at a time: a second transaction's write waits for the first one's commit.
    protected override bool WritersWaitForEachOther => true;

    protected override async Task<IServiceProvider> CreateBackOfficeAsync(Action<SyncTablesOptions> configure)
    {
        var path = Path.Combine(_dir.Path, $"backoffice-{_paths.Count}.db");
        var provider = ChangeHosts.Create(path, terminalId: null, configure);
        await provider.GetRequiredService<SqliteChangeTracking>().EnsureInstalledAsync(CancellationToken.None);
        _paths[provider] = path;
        return provider;
    }

    protected override async Task<DbConnection> OpenAsync(IServiceProvider backOffice)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _paths[backOffice], DefaultTimeout = 30 }.ToString());
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
