using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;
using PosFleet.Tests;

namespace PosFleet.Connectors.Email.Tests;

/// <summary>Status-change notifications by e-mail through the real SMTP server (aiosmtpd) and through the pickup folder.</summary>
public sealed class NotificationEngineMailTests : IDisposable
{
    private static readonly Uri Link = new("https://fleet.example/interventions/INT-7");
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task DispatchDueAsync_SmtpServer_DeliversOneMailPerRecipientWithLinkAndHtml()
    {
        await using var server = await SmtpTestServer.StartAsync(Path.Combine(_dir.Path, "smtp"));
        using var provider = Build(b => b.AddSmtpNotifier(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = server.Port;
            o.Security = SmtpSecurity.None;
            o.From = "fleet@example.com";
        }));
        var publisher = provider.GetRequiredService<IItemEventPublisher>();

        await publisher.PublishAsync(Event("e1"), default);
        await publisher.PublishAsync(Event("e1"), default); // a retried publish
        await provider.GetRequiredService<INotificationDispatcher>().DispatchDueAsync();

        var messages = server.Messages();
        Assert.Equal(["anna@example.it", "info@barroma.example"], messages.SelectMany(m => m.Recipients).Order(StringComparer.Ordinal));
        var mail = messages[0].Message;
        Assert.Equal("Till 3 does not print: created in state “Open”", mail.Subject);
        Assert.Contains(Link.ToString(), mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"href=\"{Link}\"", mail.HtmlBody, StringComparison.Ordinal);
        Assert.All(await provider.GetRequiredService<INotificationStore>().QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1" }, default), d => Assert.Equal(NotificationDeliveryState.Sent, d.State));
    }

    [Fact]
    public async Task DispatchDueAsync_SmtpServerDown_StaysPendingAndIsSentAfterTheBackOff()
    {
        var port = SmtpTestServer.FreePort();
        using var provider = Build(b => b.AddSmtpNotifier(o =>
        {
            o.Host = "127.0.0.1";
            o.Port = port;
            o.Security = SmtpSecurity.None;
            o.From = "fleet@example.com";
            o.MaxAttempts = 1;
        }));
        var store = provider.GetRequiredService<INotificationStore>();
        var dispatcher = provider.GetRequiredService<INotificationDispatcher>();
        await provider.GetRequiredService<IItemEventPublisher>().PublishAsync(Event("e1"), default);

        await dispatcher.DispatchDueAsync();
        var pending = await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1", State = NotificationDeliveryState.Pending }, default);
        await using var server = await SmtpTestServer.StartAsync(Path.Combine(_dir.Path, "smtp"), port);
        _time.Advance(TimeSpan.FromSeconds(30));
        await dispatcher.DispatchDueAsync();

        Assert.Equal(2, pending.Count);
        Assert.All(pending, d => Assert.Equal(1, d.Attempts));
        Assert.All(pending, d => Assert.False(string.IsNullOrEmpty(d.LastError)));
        Assert.Equal(2, server.Messages().Count);
        Assert.Equal(2, (await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1", State = NotificationDeliveryState.Sent }, default)).Count);
    }

    [Fact]
    public async Task DispatchDueAsync_PickupFolder_WritesOneEmlPerRecipientEvenWhenPublishedTwice()
    {
        var folder = Path.Combine(_dir.Path, "mail");
        using var provider = Build(b => b.AddPickupFolderNotifier(folder, o => o.From = "fleet@example.com"));
        var publisher = provider.GetRequiredService<IItemEventPublisher>();
        var dispatcher = provider.GetRequiredService<INotificationDispatcher>();

        await publisher.PublishAsync(Event("e1"), default);
        await dispatcher.DispatchDueAsync();
        await publisher.PublishAsync(Event("e1"), default);
        await publisher.PublishAsync(Event("e2") with { Type = ItemEventType.StateChanged, PreviousState = "Closed" }, default);
        await dispatcher.DispatchDueAsync();

        var mails = Directory.GetFiles(folder, "*.eml").Select(f => MimeMessage.Load(f)).ToList();
        Assert.Equal(4, mails.Count);
        Assert.Equal(2, mails.Count(m => m.Subject?.Contains("moved from “Closed” to “Open”", StringComparison.Ordinal) == true));
        Assert.All(mails, m => Assert.Contains(Link.ToString(), m.TextBody, StringComparison.Ordinal));
    }

    private ServiceProvider Build(Action<IPosFleetBuilder> mail)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddSingleton<INotificationDirectory, Directory2>();
        var builder = services.AddPosFleet().AddNotificationEngine(o =>
        {
            o.EnableDispatcher = false;
            o.UseRetryJitter = false;
            o.Rules.Add(new NotificationRule
            {
                States = ["Open"],
                Channels = new Dictionary<string, IList<string>> { ["email"] = ["administrators", "customer"] },
            });
        });
        mail(builder);
        return services.BuildServiceProvider();
    }

    private ItemEvent Event(string id) => new()
    {
        EventId = id,
        Type = ItemEventType.Created,
        OccurredAt = _time.GetUtcNow(),
        Item = new NotificationItem { Id = "INT-7", Kind = "intervention", Title = "Till 3 does not print", State = "Open", OrganizationId = "org-1", CustomerId = "cust-1", Link = Link },
    };

    private sealed class Directory2 : INotificationDirectory
    {
        public ValueTask<IReadOnlyList<NotificationRecipient>> GetAdministratorsAsync(string organizationId, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([new() { Id = "admin-1", DisplayName = "Anna", Email = "anna@example.it", Audience = NotificationAudience.Administrators, HasLogin = true, HasProfile = true }]);

        public ValueTask<NotificationRecipient?> GetCustomerContactAsync(string organizationId, string customerId, CancellationToken cancellationToken)
            => ValueTask.FromResult<NotificationRecipient?>(new() { Id = customerId, DisplayName = "Bar Roma", Email = "info@barroma.example", Audience = NotificationAudience.Customer });

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetTechniciansAsync(string organizationId, IReadOnlyList<string> technicianIds, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);

        public ValueTask<IReadOnlyList<NotificationRecipient>> GetRoleMembersAsync(string organizationId, string role, CancellationToken cancellationToken)
            => ValueTask.FromResult<IReadOnlyList<NotificationRecipient>>([]);
    }
}
