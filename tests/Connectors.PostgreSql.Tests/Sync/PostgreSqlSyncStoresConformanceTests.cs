using PosFleet.Sync;
using PosFleet.Sync.Configurations;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;
using PosFleet.Testing.Sync;

namespace PosFleet.Connectors.PostgreSql.Tests.Sync;

/// <summary>The inbox conformance suite (dead letters included) on a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlSyncInboxStoreConformanceTests(PostgreSqlServer server) : SyncInboxStoreConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<ISyncInboxStore> CreateStoreAsync() => _stores.NewAsync<ISyncInboxStore>(b => b.AddSyncBackOffice());

    public void Dispose() => _stores.Dispose();
}

/// <summary>The credential store conformance suite on a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlTerminalCredentialStoreConformanceTests(PostgreSqlServer server) : TerminalCredentialStoreConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<ITerminalCredentialStore> CreateStoreAsync() => _stores.NewAsync<ITerminalCredentialStore>(b => b.AddSyncBackOffice());

    public void Dispose() => _stores.Dispose();
}

/// <summary>The configuration store conformance suite on a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlTerminalConfigurationStoreConformanceTests(PostgreSqlServer server) : TerminalConfigurationStoreConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<ITerminalConfigurationStore> CreateStoreAsync() => _stores.NewAsync<ITerminalConfigurationStore>(b => b.AddSyncBackOffice());

    public void Dispose() => _stores.Dispose();
}

/// <summary>The outbox conformance suite (rejected messages included) on a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlOutboxConformanceTests(PostgreSqlServer server) : OutboxConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<IOutbox> CreateOutboxAsync() => _stores.NewAsync<IOutbox>(b => b.AddSyncAgent(o => o.Credential = "unused"));

    public void Dispose() => _stores.Dispose();
}
