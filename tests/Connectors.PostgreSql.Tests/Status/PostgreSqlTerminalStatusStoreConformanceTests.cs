using PosFleet.Status;
using PosFleet.Testing.Status;

namespace PosFleet.Connectors.PostgreSql.Tests.Status;

/// <summary>The terminal status conformance suite (heartbeats, sync errors, the board query) on a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlTerminalStatusStoreConformanceTests(PostgreSqlServer server) : TerminalStatusStoreConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<ITerminalStatusStore> CreateStoreAsync() => _stores.NewAsync<ITerminalStatusStore>(b => b.AddStatus());

    public void Dispose() => _stores.Dispose();
}
