using PosFleet.Connectors.WebPush.Internal;
using PosFleet.Notifications.Push;
using PosFleet.Testing.Notifications;

namespace PosFleet.Connectors.WebPush.Tests;

/// <summary>The push subscription store conformance suite on the in-memory store.</summary>
public sealed class InMemoryPushSubscriptionStoreTests : PushSubscriptionStoreConformanceTests
{
    protected override Task<IPushSubscriptionStore> CreateStoreAsync() => Task.FromResult<IPushSubscriptionStore>(new InMemoryPushSubscriptionStore());
}
