using PosFleet.Connectors.Sqlite.Tests.Sync;
using PosFleet.Sync;
using PosFleet.Testing.Updates;
using PosFleet.Updates;

namespace PosFleet.Connectors.Sqlite.Tests.Updates;

/// <summary>The package store conformance suite on a real SQLite file, registered as a back office does.</summary>
public sealed class SqlitePackageStoreConformanceTests : PackageStoreConformanceTests, IDisposable
{
    private readonly Files _files = new();

    protected override Task<IPackageStore> CreateStoreAsync() => Task.FromResult(_files.Packages());

    public void Dispose() => _files.Dispose();

    private sealed class Files : SqliteSyncStoreFiles
    {
        public IPackageStore Packages() => Store<IPackageStore>(b => b.AddSyncBackOffice().AddPackageBackOffice());
    }
}

/// <summary>The terminal package state conformance suite on a real SQLite file, registered as a terminal does.</summary>
public sealed class SqliteTerminalPackageStateStoreConformanceTests : TerminalPackageStateStoreConformanceTests, IDisposable
{
    private readonly Files _files = new();

    protected override Task<ITerminalPackageStateStore> CreateStoreAsync() => Task.FromResult(_files.States());

    public void Dispose() => _files.Dispose();

    private sealed class Files : SqliteSyncStoreFiles
    {
        public ITerminalPackageStateStore States() => Store<ITerminalPackageStateStore>(b => b.AddPackageUpdates(o => o.PackageId = "pos"));
    }
}
