using PosFleet.Connectors.Sqlite.Tests.Sync;
using PosFleet.Status;
using PosFleet.Testing.Status;

namespace PosFleet.Connectors.Sqlite.Tests.Status;

/// <summary>The terminal status conformance suite on a real SQLite file, the store registered as a back office does.</summary>
public sealed class SqliteTerminalStatusStoreConformanceTests : TerminalStatusStoreConformanceTests, IDisposable
{
    private readonly Files _files = new();

    protected override Task<ITerminalStatusStore> CreateStoreAsync() => Task.FromResult(_files.Status());

    public void Dispose() => _files.Dispose();

    private sealed class Files : SqliteSyncStoreFiles
    {
        public ITerminalStatusStore Status() => Store<ITerminalStatusStore>(b => b.AddStatus());
    }
}
