using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Push;
using PosFleet.Testing.Notifications;

namespace PosFleet.Connectors.PostgreSql.Tests.Notifications;

/// <summary>The notification store conformance suite (outbox, claims, skips, inbox) on a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlNotificationStoreConformanceTests(PostgreSqlServer server) : NotificationStoreConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<INotificationStore> CreateStoreAsync() => _stores.NewAsync<INotificationStore>(b => b.AddNotificationEngine());

    public void Dispose() => _stores.Dispose();
}

/// <summary>The push subscription store conformance suite on a real PostgreSQL server.</summary>
[Collection(PostgreSqlCollection.Name)]
public sealed class PostgreSqlPushSubscriptionStoreConformanceTests(PostgreSqlServer server) : PushSubscriptionStoreConformanceTests, IDisposable
{
    private readonly PostgreSqlStores _stores = new(server);

    protected override Task<IPushSubscriptionStore> CreateStoreAsync() => _stores.NewAsync<IPushSubscriptionStore>(_ => { });

    public void Dispose() => _stores.Dispose();
}
