using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Cli.Tests.Notifications;

/// <summary><c>posfleet notifications status</c> run as a process on a SQLite file a back office filled.</summary>
public sealed class NotificationsStatusCommandTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private string BackOffice => Path.Combine(_dir.Path, "backoffice.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Status_FailedDeliveryAndSkip_ListsBothByStateAndNothingForAnotherOrganization()
    {
        await SeedAsync();

        var all = await PosFleetProcess.RunAsync("notifications", "status", "--store", BackOffice, "--org", "org-1");
        var failed = await PosFleetProcess.RunAsync("notifications", "status", "--store", BackOffice, "--org", "org-1", "--state", "failed", "--json");
        var skipped = await PosFleetProcess.RunAsync("notifications", "status", "--store", BackOffice, "--org", "org-1", "--state", "skipped");
        var other = await PosFleetProcess.RunAsync("notifications", "status", "--store", BackOffice, "--org", "org-2", "--json");
        var wrongState = await PosFleetProcess.RunAsync("notifications", "status", "--store", BackOffice, "--org", "org-1", "--state", "lost");

        Assert.Equal(0, all.ExitCode);
        Assert.Equal(2, all.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Equal(0, failed.ExitCode);
        using var json = JsonDocument.Parse(failed.Stdout);
        var record = Assert.Single(json.RootElement.GetProperty("records").EnumerateArray());
        Assert.Equal("failed", record.GetProperty("state").GetString());
        Assert.Equal("admin-1", record.GetProperty("recipient").GetString());
        Assert.Equal(1, record.GetProperty("attempts").GetInt32());
        Assert.Contains("PermanentFailure from the test", record.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("next").ValueKind);
        Assert.StartsWith("skipped", skipped.Stdout, StringComparison.Ordinal);
        Assert.Contains("cust-1", skipped.Stdout, StringComparison.Ordinal);
        Assert.Contains("No default e-mail address in the contact record.", skipped.Stdout, StringComparison.Ordinal);
        Assert.Equal(0, other.ExitCode);
        Assert.Empty(JsonDocument.Parse(other.Stdout).RootElement.GetProperty("records").EnumerateArray());
        Assert.Equal(2, wrongState.ExitCode);
    }

    private async Task SeedAsync()
    {
        var services = new ServiceCollection();
        services.AddSingleton<INotificationDirectory, SeedDirectory>();
        services.AddPosFleet()
            .AddNotificationEngine(o =>
            {
                o.EnableDispatcher = false;
                o.Rules.Add(new NotificationRule { States = ["Open"], Channels = new Dictionary<string, IList<string>> { ["email"] = ["administrators", "customer"] } });
            })
            .AddNotifier(NotificationChannel.Email, _ => new FailingNotifier())
            .UseSqliteStorageFile(BackOffice);
        await using var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<IItemEventPublisher>().PublishAsync(
            new ItemEvent
            {
                EventId = "e-1", Type = ItemEventType.Created, OccurredAt = provider.GetRequiredService<TimeProvider>().GetUtcNow(),
                Item = new NotificationItem { Id = "INT-1", Kind = "intervention", Title = "Till 3 does not print", State = "Open", OrganizationId = "org-1", CustomerId = "cust-1" },
            },
            default);
        await provider.GetRequiredService<INotificationDispatcher>().DispatchDueAsync();
    }

    private sealed class FailingNotifier : INotifier
    {
        public ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
            => ValueTask.FromResult(NotificationResult.ForAll(message.Recipients, DeliveryStatus.PermanentFailure, "PermanentFailure from the test"));
    }

    private sealed class SeedDirectory : INotificationDirectory
    {
        public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([new() { Id = "admin-1", DisplayName = "Anna", Email = "anna@example.it", Audience = NotificationAudience.Administrators, HasLogin = true, HasProfile = true }]);

        public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken)
            => ValueTask.FromResult<NotificationRecipient?>(new() { Id = customerId, DisplayName = "Bar Roma", Audience = NotificationAudience.Customer });

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);
    }
}
