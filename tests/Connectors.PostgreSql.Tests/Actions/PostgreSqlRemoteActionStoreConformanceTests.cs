using PosFleet.Actions;
using PosFleet.Sync;
using PosFleet.Testing.Actions;

namespace PosFleet.Connectors.PostgreSql.Tests.Actions;

/// <summary>The action store conformance suite on a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRemoteActionStoreConformanceTests(PostgreSqlServer server) : RemoteActionStoreConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<IRemoteActionStore> CreateStoreAsync() => _stores.NewAsync<IRemoteActionStore>(b => b.AddSyncBackOffice().AddActionsBackOffice());

    public void Dispose() => _stores.Dispose();
}
