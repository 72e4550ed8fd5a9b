using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Connectors.Sqlite;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;
using PosFleet.Notifications.Push;
using PosFleet.Tests;

namespace PosFleet.Connectors.WebPush.Tests;

/// <summary>
/// From an item event to a push a browser decrypts and an entry in the bell: the engine over a real SQLite file, the
/// Web Push connector, and the test push service on Kestrel (which records what it receives; the test decrypts it as
/// the browser would and checks the VAPID header).
/// </summary>
public sealed class PushEndToEndTests : IAsyncLifetime, IDisposable
{
    private readonly VapidKeyPair _vapid = VapidKeyPair.Create();
    private readonly TempDirectory _dir = new();
    private PushServiceServer _push = null!;

    public async Task InitializeAsync() => _push = await PushServiceServer.StartAsync();

    public async Task DisposeAsync() => await _push.DisposeAsync();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task PublishAsync_StateChangedForTechnician_PushReceivedAndInboxEntryWithTheLink()
    {
        var services = new ServiceCollection();
        _push.RouteTo(services);
        services.AddSingleton<TimeProvider>(new TestClock());
        services.AddSingleton<INotificationDirectory, OneTechnician>();
        services.AddPosFleet()
            .AddNotificationEngine(o =>
            {
                o.EnableDispatcher = false;
                o.Rules.Add(new NotificationRule { Kind = "intervention", States = ["Closed"], Channels = new Dictionary<string, IList<string>> { ["push"] = ["technicians"], ["inapp"] = ["technicians"] } });
            })
            .UseSqliteStorageFile(Path.Combine(_dir.Path, "fleet.db"))
            .AddWebPushNotifier(o =>
            {
                o.Subject = "mailto:fleet@example.com";
                o.PublicKey = _vapid.PublicKey;
                o.PrivateKey = _vapid.PrivateKey;
            });
        await using var provider = services.BuildServiceProvider();
        using var browser = new BrowserSubscription();
        await provider.GetRequiredService<IPushSubscriptionStore>().AddAsync(browser.For("tech-1", _push.Endpoint("marco-phone")), default);
        var link = new Uri("https://backoffice.example.com/interventions/INT-7");

        await provider.GetRequiredService<IItemEventPublisher>().PublishAsync(
            new ItemEvent
            {
                EventId = "INT-7@2", Type = ItemEventType.StateChanged, PreviousState = "Open", OccurredAt = DateTimeOffset.UnixEpoch,
                Item = new NotificationItem { Id = "INT-7", Kind = "intervention", Title = "Till 3 does not print", State = "Closed", OrganizationId = "org-1", TechnicianIds = ["tech-1"], Link = link },
            },
            default);
        var attempted = await provider.GetRequiredService<INotificationDispatcher>().DispatchDueAsync();

        Assert.Equal(1, attempted);
        var received = Assert.Single(_push.Received);
        Assert.StartsWith("vapid t=", received.Headers["Authorization"], StringComparison.Ordinal);
        using var json = JsonDocument.Parse(browser.Decrypt(received.Body));
        Assert.Equal("Till 3 does not print: moved from “Open” to “Closed”", json.RootElement.GetProperty("title").GetString());
        Assert.Equal(link.AbsoluteUri, json.RootElement.GetProperty("link").GetString());
        var sent = Assert.Single(await provider.GetRequiredService<INotificationStore>().QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1" }, default));
        Assert.Equal((NotificationDeliveryState.Sent, 1), (sent.State, sent.Attempts));
        var inbox = provider.GetRequiredService<INotificationInbox>();
        Assert.Equal(1, await inbox.CountUnreadAsync("org-1", "tech-1"));
        var entry = Assert.Single((await inbox.ListAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "tech-1" })).Entries);
        Assert.Equal(("INT-7", link), (entry.ItemId, entry.Link));
    }

    private sealed class OneTechnician : INotificationDirectory
    {
        public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

        public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken) => ValueTask.FromResult<NotificationRecipient?>(null);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>(
                organizationId == "org-1" && technicianIds.Contains("tech-1")
                    ? [new() { Id = "tech-1", DisplayName = "Marco", Audience = NotificationAudience.Technicians, HasLogin = true, HasProfile = true }]
                    : []);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);
    }
}
