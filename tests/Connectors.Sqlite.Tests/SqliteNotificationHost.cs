using Microsoft.Extensions.DependencyInjection;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>
/// One back-office process of the notification tests on a SQLite file: the engine without its hosted dispatcher (the
/// tests dispatch), an "Open" rule e-mailing the administrators, and a directory of one administrator.
/// </summary>
internal static class SqliteNotificationHost
{
    public static ServiceProvider Build(string file, TimeProvider clock, INotifier email, TimeSpan? claimLease = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        services.AddSingleton<INotificationDirectory, OneAdministrator>();
        services.AddPosFleet()
            .AddNotificationEngine(o =>
            {
                o.EnableDispatcher = false;
                o.ClaimLease = claimLease ?? o.ClaimLease;
                o.Rules.Add(new NotificationRule { States = ["Open"], Channels = new Dictionary<string, IList<string>> { ["email"] = ["administrators"] } });
            })
            .AddNotifier(NotificationChannel.Email, _ => email)
            .UseSqliteStorageFile(file);
        return services.BuildServiceProvider();
    }

    /// <summary>Intervention <c>INT-{i}</c> created "Open" in <c>org-1</c>, event <c>e-{i}</c>.</summary>
    public static ItemEvent OpenEvent(int i, TimeProvider clock) => new()
    {
        EventId = $"e-{i}",
        Type = ItemEventType.Created,
        OccurredAt = clock.GetUtcNow(),
        Item = new NotificationItem { Id = $"INT-{i}", Kind = "intervention", Title = $"INT-{i}", State = "Open", OrganizationId = "org-1" },
    };

    internal sealed class OneAdministrator : INotificationDirectory
    {
        public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([new() { Id = "admin-1", DisplayName = "Anna", Email = "anna@example.it", Audience = NotificationAudience.Administrators, HasLogin = true, HasProfile = true }]);

        public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken) => ValueTask.FromResult<NotificationRecipient?>(null);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);
    }
}
