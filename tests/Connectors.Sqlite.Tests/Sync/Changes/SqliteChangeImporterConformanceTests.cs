using System.Data.Common;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite.Internal;
using PosFleet.Sync.Changes;
using PosFleet.Testing.Sync.Changes;

namespace PosFleet.Connectors.Sqlite.Tests.Sync.Changes;

/// <summary>The change importer and local reset conformance suite on real SQLite files, the host's tables created before PosFleet starts.</summary>
public sealed class SqliteChangeImporterConformanceTests : ChangeImporterConformanceTests, IDisposable
{
    private readonly ChangeFiles _files = new();

    protected override async Task<IServiceProvider> CreateTerminalAsync(Action<SyncTablesOptions> configure)
    {
        var path = _files.NewPath(TerminalId);
        SqliteFile.Execute(path, Schema);
        var services = new ServiceCollection().AddLogging();
        services.AddPosFleet(o => { o.TerminalId = TerminalId; o.Organization = Organization; })
            .UseSqliteStorageFile(path, o => o.CheckOnOpen = false)
            .AddSyncTables(configure);
        var provider = services.BuildServiceProvider();
        _files.Add(provider, path);
        provider.ValidatePosFleetOptions();
        await provider.GetRequiredService<SqliteDatabase>().EnsureReadyAsync(CancellationToken.None);
        return provider;
    }

    protected override Task<DbConnection> OpenAsync(IServiceProvider terminal) => _files.OpenAsync(terminal);

    public void Dispose() => _files.Dispose();
}
