using PosFleet.Notifications.Engine;
using PosFleet.Testing.Notifications;

namespace PosFleet.Tests.Notifications.Engine;

/// <summary>The in-memory store passes the conformance suite.</summary>
public sealed class InMemoryNotificationStoreTests : NotificationStoreConformanceTests
{
    protected override Task<INotificationStore> CreateStoreAsync() => Task.FromResult<INotificationStore>(new InMemoryNotificationStore());
}
