using PosFleet.Actions;
using PosFleet.Actions.Terminal;
using PosFleet.Connectors.Sqlite.Tests.Sync;
using PosFleet.Sync;
using PosFleet.Testing.Actions;

namespace PosFleet.Connectors.Sqlite.Tests.Actions;

/// <summary>The action store conformance suite on a real SQLite file.</summary>
public sealed class SqliteRemoteActionStoreConformanceTests : RemoteActionStoreConformanceTests, IDisposable
{
    private readonly Files _files = new();

    protected override Task<IRemoteActionStore> CreateStoreAsync() => Task.FromResult(_files.Store());

    public void Dispose() => _files.Dispose();

    private sealed class Files : SqliteSyncStoreFiles
    {
        public IRemoteActionStore Store() => Store<IRemoteActionStore>(b => b.AddSyncBackOffice().AddActionsBackOffice());
    }
}

/// <summary>The terminal journal conformance suite on a real SQLite file.</summary>
public sealed class SqliteRemoteActionJournalConformanceTests : RemoteActionJournalConformanceTests, IDisposable
{
    private readonly Files _files = new();

    protected override Task<IRemoteActionJournal> CreateJournalAsync() => Task.FromResult(_files.Journal());

    public void Dispose() => _files.Dispose();

    private sealed class Files : SqliteSyncStoreFiles
    {
        public IRemoteActionJournal Journal() => Store<IRemoteActionJournal>(b => b.AddActionsAgent());
    }
}
