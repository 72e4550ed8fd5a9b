using PosFleet.Actions;
using PosFleet.Actions.Terminal;
using PosFleet.Testing.Actions;

namespace PosFleet.Connectors.PostgreSql.Tests.Actions;

/// <summary>The terminal's action journal conformance suite on a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlRemoteActionJournalConformanceTests(PostgreSqlServer server) : RemoteActionJournalConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<IRemoteActionJournal> CreateJournalAsync() => _stores.NewAsync<IRemoteActionJournal>(b => b.AddActionsAgent());

    public void Dispose() => _stores.Dispose();
}
