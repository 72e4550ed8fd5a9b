using PosFleet.Sync;
using PosFleet.Testing.Updates;
using PosFleet.Updates;

namespace PosFleet.Connectors.PostgreSql.Tests.Updates;

/// <summary>The package store conformance suite on a real PostgreSQL server, registered as a back office does.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPackageStoreConformanceTests(PostgreSqlServer server) : PackageStoreConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<IPackageStore> CreateStoreAsync() => _stores.NewAsync<IPackageStore>(b => b.AddSyncBackOffice().AddPackageBackOffice());

    public void Dispose() => _stores.Dispose();
}

/// <summary>The terminal package state conformance suite on a real PostgreSQL server, registered as a terminal does.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlTerminalPackageStateStoreConformanceTests(PostgreSqlServer server) : TerminalPackageStateStoreConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<ITerminalPackageStateStore> CreateStoreAsync() => _stores.NewAsync<ITerminalPackageStateStore>(b => b.AddPackageUpdates(o => o.PackageId = "pos"));

    public void Dispose() => _stores.Dispose();
}
