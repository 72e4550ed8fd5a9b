using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite.Internal.Changes;
using PosFleet.Sync.Changes;
using PosFleet.Testing.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>The change exporter conformance suite on real SQLite files, the host's tables created before PosFleet starts.</summary>
public sealed class SqliteChangeExporterConformanceTests : ChangeExporterConformanceTests, IDisposable
{
    private readonly ChangeFiles _files = new();

    // SQLite has one writer at a time: a second transaction's write waits for the first one's commit.
    protected override bool WritersWaitForEachOther => true;

    protected override async Task<IServiceProvider> CreateBackOfficeAsync(Action<SyncTablesOptions> configure)
    {
        var path = _files.NewPath("backoffice");
        var provider = ChangeHosts.Create(path, terminalId: null, configure);
        await provider.GetRequiredService<SqliteChangeTracking>().EnsureInstalledAsync(CancellationToken.None);
        _files.Add(provider, path);
        return provider;
    }

    protected override Task<DbConnection> OpenAsync(IServiceProvider backOffice) => _files.OpenAsync(backOffice);

    public void Dispose() => _files.Dispose();
}
