using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Tests.Notifications.Engine;

/// <summary>Delivery: retries with back-off, failures recorded, digests batched, quiet hours deferred.</summary>
public sealed class NotificationDispatcherTests
{
    [Fact]
    public async Task DispatchDueAsync_TransientFailure_RetriesAfterBackOffWithStatusVisible()
    {
        using var h = new NotificationHarness(o => o.Rules[0].Channels.Remove("push"));
        h.Email.Outcomes.Enqueue(DeliveryStatus.TransientFailure);
        h.Directory.Technicians.Clear();
        h.Directory.Customer = null;
        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Created, "Open"), default);

        await h.Dispatcher.DispatchDueAsync();
        var pending = Assert.Single(await h.OutboxAsync());
        var early = await h.Dispatcher.DispatchDueAsync();
        h.Clock.Advance(TimeSpan.FromSeconds(30));
        await h.Dispatcher.DispatchDueAsync();
        var sent = Assert.Single(await h.OutboxAsync());

        Assert.Equal((NotificationDeliveryState.Pending, 1, "TransientFailure from the test"), (pending.State, pending.Attempts, pending.LastError));
        Assert.Equal(h.Clock.GetUtcNow(), pending.DueAt);
        Assert.Equal(0, early);
        Assert.Equal((NotificationDeliveryState.Sent, 2), (sent.State, sent.Attempts));
        Assert.Equal(2, h.Email.Messages.Count);
        Assert.Single(h.Email.Messages.Select(m => m.IdempotencyKey).Distinct());
    }

    [Fact]
    public async Task DispatchDueAsync_PermanentFailureOrAttemptsExhausted_RecordsFailed()
    {
        using var h = new NotificationHarness(o => { o.Rules[0].Channels.Remove("push"); o.MaxAttempts = 2; });
        h.Directory.Customer = null;
        h.Email.Outcomes.Enqueue(DeliveryStatus.PermanentFailure); // the administrator's
        h.Email.Outcomes.Enqueue(DeliveryStatus.TransientFailure); // the technician's, twice
        h.Email.Outcomes.Enqueue(DeliveryStatus.TransientFailure);
        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Created, "Open"), default);

        await h.Dispatcher.DispatchDueAsync();
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Dispatcher.DispatchDueAsync();
        var failed = await h.OutboxAsync(NotificationDeliveryState.Failed);

        Assert.Equal(2, failed.Count);
        Assert.Equal([1, 2], failed.Select(f => f.Attempts).Order());
        Assert.All(failed, f => Assert.Equal(h.Clock.GetUtcNow().AddMinutes(f.Attempts == 1 ? -1 : 0), f.CompletedAt));
        Assert.Empty(await h.OutboxAsync(NotificationDeliveryState.Pending));
    }

    [Fact]
    public async Task DispatchDueAsync_DigestWindow_SendsTheBurstAsOneMail()
    {
        using var h = new NotificationHarness(o => o.Rules[0].Channels.Remove("push"));
        h.Directory.Customer = null;
        h.Directory.Technicians.Clear();
        h.Directory.Administrators[0] = h.Directory.Administrators[0] with { DigestWindow = TimeSpan.FromMinutes(10) };

        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Created, "Open"), default);
        h.Clock.Advance(TimeSpan.FromMinutes(3));
        await h.Publisher.PublishAsync(h.Event("e2", ItemEventType.StateChanged, "Closed", previous: "Open"), default);
        await h.Dispatcher.DispatchDueAsync();
        var beforeWindow = h.Email.Messages.Count;
        h.Clock.Advance(TimeSpan.FromMinutes(7));
        await h.Dispatcher.DispatchDueAsync();

        Assert.Equal(0, beforeWindow);
        var mail = Assert.Single(h.Email.Messages);
        Assert.StartsWith("2 notifiche: ", mail.Subject, StringComparison.Ordinal); // Anna reads Italian
        Assert.Contains("passaggio da «Open» a «Closed»", mail.Subject, StringComparison.Ordinal);
        Assert.StartsWith("2 notifiche, dalla meno recente:", mail.Text, StringComparison.Ordinal);
        Assert.Contains("creazione nello stato «Open»", mail.Text, StringComparison.Ordinal);
        Assert.Contains("passaggio da «Open» a «Closed»", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Apri: " + NotificationHarness.Link.AbsoluteUri, mail.Text, StringComparison.Ordinal);
        // One HTML document built from the entries' data, not the entries' own documents nested in a list.
        Assert.Equal(1, mail.Html!.Split("<!DOCTYPE", StringSplitOptions.None).Length - 1);
        Assert.Contains("lang=\"it\"", mail.Html, StringComparison.Ordinal);
        Assert.Equal(2, mail.Html.Split("class=\"entry\"", StringSplitOptions.None).Length - 1);
        Assert.All(await h.OutboxAsync(), d => Assert.Equal(NotificationDeliveryState.Sent, d.State));
        Assert.Equal(2, await h.Inbox.CountUnreadAsync("org-1", "admin-1"));
    }

    [Fact]
    public async Task DispatchDueAsync_InQuietHours_DefersUntilTheyEnd()
    {
        using var h = new NotificationHarness();
        h.Directory.Customer = null;
        h.Directory.Technicians.Clear();
        // The clock is at 12:00 UTC; quiet from 11:00 to 13:30 UTC.
        h.Directory.Administrators[0] = h.Directory.Administrators[0] with { QuietHours = new NotificationQuietHours(new TimeOnly(11, 0), new TimeOnly(13, 30)) };

        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Created, "Open"), default);
        await h.Dispatcher.DispatchDueAsync();
        var during = h.Email.Messages.Count + h.Push.Messages.Count;
        h.Clock.Advance(TimeSpan.FromMinutes(90));
        await h.Dispatcher.DispatchDueAsync();

        Assert.Equal(0, during);
        Assert.Single(h.Email.Messages);
        Assert.Single(h.Push.Messages);
        Assert.Equal(1, await h.Inbox.CountUnreadAsync("org-1", "admin-1"));
    }

    [Fact]
    public void Options_UnknownAudience_FailsValidationNamingIt()
    {
        using var h = new NotificationHarness(o => o.Rules[0].Channels["email"] = ["administrators", "managers"]);

        var error = Assert.Throws<OptionsValidationException>(() => h.Get<IOptions<NotificationEngineOptions>>().Value);

        Assert.Contains("'managers', which is no audience", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_BoundFromConfiguration_DriveTheRules()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:Rules:0:Kind"] = "terminal",
            ["Notifications:Rules:0:States:0"] = "red",
            ["Notifications:Rules:0:Channels:inapp:0"] = "role:support",
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var h = new NotificationHarness(o => o.Rules.Clear(), s => s.Configure<NotificationEngineOptions>(configuration.GetSection("Notifications")));
        h.Directory.Roles["support"] = [new NotificationRecipient { Id = "sup-1", DisplayName = "Support", Audience = NotificationAudience.Role("support"), HasLogin = true, HasProfile = true }];

        await h.Publisher.PublishAsync(new ItemEvent
        {
            EventId = "till-07@1", Type = ItemEventType.StateChanged, PreviousState = "green", OccurredAt = h.Clock.GetUtcNow(),
            Item = new NotificationItem { Id = "till-07", Kind = "terminal", Title = "till-07", State = "red", OrganizationId = "org-1" },
        }, default);

        var entry = Assert.Single((await h.Inbox.ListAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "sup-1" })).Entries);
        Assert.Equal("till-07", entry.ItemId);
    }

    [Fact]
    public async Task DispatchDueAsync_BurstRegroupedAfterALapsedClaim_KeepsItsKey()
    {
        static NotificationHarness Digesting()
        {
            var h = new NotificationHarness(o => o.Rules[0].Channels.Remove("push"));
            h.Directory.Customer = null;
            h.Directory.Technicians.Clear();
            h.Directory.Administrators[0] = h.Directory.Administrators[0] with { DigestWindow = TimeSpan.FromMinutes(10), Culture = null };
            return h;
        }

        // Undisturbed: the burst of e1 and e2 goes out at the end of its window.
        using var calm = Digesting();
        await calm.Publisher.PublishAsync(calm.Event("e1", ItemEventType.Created, "Open"), default);
        await calm.Publisher.PublishAsync(calm.Event("e2", ItemEventType.StateChanged, "Closed", previous: "Open"), default);
        calm.Clock.Advance(TimeSpan.FromMinutes(10));
        await calm.Dispatcher.DispatchDueAsync();
        var expected = Assert.Single(calm.Email.Messages);

        // A dispatcher claims the same burst and dies; e3 arrives meanwhile; the next pass takes all three.
        using var h = Digesting();
        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Created, "Open"), default);
        await h.Publisher.PublishAsync(h.Event("e2", ItemEventType.StateChanged, "Closed", previous: "Open"), default);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Store.ClaimDueAsync(h.Clock.GetUtcNow(), TimeSpan.FromMinutes(5), 100, Guid.NewGuid(), default);
        await h.Publisher.PublishAsync(h.Event("e3", ItemEventType.StateChanged, "Open", previous: "Closed"), default);
        h.Clock.Advance(TimeSpan.FromMinutes(10));
        await h.Dispatcher.DispatchDueAsync();

        Assert.Equal(2, h.Email.Messages.Count);
        var resent = Assert.Single(h.Email.Messages, m => m.IdempotencyKey == expected.IdempotencyKey);
        Assert.StartsWith("2 notifications: ", resent.Subject, StringComparison.Ordinal);
        Assert.Single(h.Email.Messages, m => m.IdempotencyKey != expected.IdempotencyKey && m.Subject.Contains("moved from “Closed” to “Open”", StringComparison.Ordinal));
    }
}
