using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Tests.Notifications.Engine;

/// <summary>Seed 002's rules: which transitions notify whom on which channel, once per transition.</summary>
public sealed class NotificationEngineRuleTests
{
    [Fact]
    public async Task PublishAsync_CreatedInNotifyingState_QueuesEachAudienceOnEachChannel()
    {
        using var h = new NotificationHarness();

        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Created, "Open"), default);
        var outbox = await h.OutboxAsync();

        Assert.Equal(
            ["admin-1/email", "admin-1/push", "cust-1/email", "tech-1/email", "tech-1/push"],
            outbox.Select(d => $"{d.RecipientId}/{d.Channel}").Order(StringComparer.Ordinal));
        Assert.Equal("info@barroma.example", outbox.Single(d => d.RecipientId == "cust-1").Address);
        Assert.All(outbox, d => Assert.Equal(NotificationHarness.Link, d.Content.Link));
        Assert.Equal(1, await h.Inbox.CountUnreadAsync("org-1", "admin-1"));
        Assert.Equal(1, await h.Inbox.CountUnreadAsync("org-1", "tech-1"));
        Assert.Equal(0, await h.Inbox.CountUnreadAsync("org-1", "cust-1"));
    }

    [Fact]
    public async Task PublishAsync_StateChangedToOtherState_QueuesNothing()
    {
        using var h = new NotificationHarness();

        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.StateChanged, "Waiting for parts", previous: "Open"), default);
        await h.Publisher.PublishAsync(h.Event("e2", ItemEventType.Created, "Draft"), default);

        Assert.Empty(await h.OutboxAsync());
        Assert.Equal(0, await h.Inbox.CountUnreadAsync("org-1", "admin-1"));
    }

    [Fact]
    public async Task PublishAsync_SameEventTwice_QueuesOnce()
    {
        using var h = new NotificationHarness();
        var e = h.Event("e1", ItemEventType.StateChanged, "Closed", previous: "Open");

        await h.Publisher.PublishAsync(e, default);
        await h.Publisher.PublishAsync(e, default);
        await h.Dispatcher.DispatchDueAsync();
        await h.Publisher.PublishAsync(e, default);
        await h.Dispatcher.DispatchDueAsync();

        Assert.Equal(5, (await h.OutboxAsync()).Count);
        Assert.Equal(3, h.Email.Messages.Count);
        Assert.Equal(1, await h.Inbox.CountUnreadAsync("org-1", "admin-1"));
    }

    [Fact]
    public async Task PublishAsync_StateChangedTwiceQuickly_NotifiesTwice()
    {
        using var h = new NotificationHarness();

        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.StateChanged, "Closed", previous: "Open"), default);
        await h.Publisher.PublishAsync(h.Event("e2", ItemEventType.StateChanged, "Open", previous: "Closed"), default);
        await h.Dispatcher.DispatchDueAsync();

        Assert.Equal(2, h.Email.Messages.Count(m => m.Recipients[0] == "anna@example.it"));
        Assert.Equal(2, h.Email.Messages.Where(m => m.Recipients[0] == "anna@example.it").Select(m => m.IdempotencyKey).Distinct().Count());
        Assert.Equal(2, await h.Inbox.CountUnreadAsync("org-1", "admin-1"));
    }

    [Fact]
    public async Task PublishAsync_Assigned_PushesToTheAssignedTechnicianOnlyAndShowsInTheirBell()
    {
        using var h = new NotificationHarness(o => o.Rules.Clear());
        h.Directory.Technicians.Add(new NotificationRecipient { Id = "tech-2", DisplayName = "Luca", Audience = NotificationAudience.Technicians, HasLogin = true, HasProfile = true });

        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Assigned, "Waiting", assigned: "tech-2"), default);
        await h.Dispatcher.DispatchDueAsync();

        var push = Assert.Single(h.Push.Messages);
        Assert.Equal(["tech-2"], push.Recipients);
        Assert.Equal(NotificationChannel.Push, push.Channel);
        Assert.Equal(NotificationHarness.Link.ToString(), push.Headers["link"]);
        Assert.Empty(h.Email.Messages);
        Assert.Equal(1, await h.Inbox.CountUnreadAsync("org-1", "tech-2"));
        Assert.Equal(0, await h.Inbox.CountUnreadAsync("org-1", "tech-1"));
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("file:///etc/passwd")]
    public async Task PublishAsync_ItemLinkNotHttp_NeitherTheBellNorThePushNorTheMailCarriesIt(string link)
    {
        using var h = new NotificationHarness();
        var e = h.Event("e1", ItemEventType.Created, "Open");
        e = e with { Item = e.Item with { Link = new Uri(link) } };

        await h.Publisher.PublishAsync(e, default);
        await h.Dispatcher.DispatchDueAsync();

        Assert.All(await h.OutboxAsync(), d => Assert.Null(d.Content.Link));
        var entries = await h.Inbox.ListAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "admin-1" }, default);
        Assert.Null(Assert.Single(entries.Entries).Link);
        Assert.All(h.Push.Messages, m => Assert.False(m.Headers.ContainsKey("link")));
        Assert.All(h.Email.Messages, m => Assert.DoesNotContain(link, m.Text + m.Html, StringComparison.Ordinal));
    }

    [Fact]
    public async Task PublishAsync_UnreachableRecipients_SkipsAndRecordsEachReason()
    {
        using var h = new NotificationHarness();
        h.Directory.Customer = h.Directory.Customer! with { Email = null };
        h.Directory.Technicians[0] = h.Directory.Technicians[0] with { HasProfile = false };
        h.Directory.Administrators.Add(new NotificationRecipient { Id = "admin-2", DisplayName = "Bad", Email = "bad@@example", Audience = NotificationAudience.Administrators, HasLogin = true, HasProfile = true });

        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Created, "Open"), default);
        var skips = await h.Store.QuerySkipsAsync(new NotificationOutboxQuery { OrganizationId = "org-1", EventId = "e1" }, default);
        var outbox = await h.OutboxAsync();

        Assert.Contains(skips, s => s.RecipientId == "cust-1" && s.Channel == NotificationChannel.Email && s.Reason.Contains("No default e-mail address", StringComparison.Ordinal));
        Assert.Equal(3, skips.Count(s => s.RecipientId == "tech-1" && s.Reason == "The linked login has no profile."));
        Assert.Contains(skips, s => s.RecipientId == "admin-2" && s.Channel == NotificationChannel.Email && s.Reason.Contains("'bad@@example' is not usable", StringComparison.Ordinal));
        Assert.DoesNotContain(outbox, d => d.RecipientId is "cust-1" or "tech-1" || (d.RecipientId == "admin-2" && d.Channel == NotificationChannel.Email));
        Assert.Contains(outbox, d => d.RecipientId == "admin-2" && d.Channel == NotificationChannel.Push);
    }

    [Fact]
    public async Task PublishAsync_UnknownTechnicianAndNamedRole_RecordsSkipAndNotifiesRoleMembers()
    {
        using var h = new NotificationHarness(o => o.Rules[0].Channels["email"] = ["technicians", "role:dispatch"]);
        h.Directory.Roles["dispatch"] = [new NotificationRecipient { Id = "disp-1", DisplayName = "Sara", Email = "sara@example.it", Audience = NotificationAudience.Role("dispatch"), HasLogin = true, HasProfile = true }];
        var e = h.Event("e1", ItemEventType.Created, "Open");
        e = e with { Item = e.Item with { TechnicianIds = ["tech-1", "tech-404"] } };

        await h.Publisher.PublishAsync(e, default);

        var skip = Assert.Single(await h.Store.QuerySkipsAsync(new NotificationOutboxQuery { OrganizationId = "org-1", RecipientId = "tech-404" }, default));
        Assert.Equal(("technicians", "The directory knows no technician with this id."), (skip.Audience, skip.Reason));
        Assert.Contains(await h.OutboxAsync(), d => d.RecipientId == "disp-1" && d.Address == "sara@example.it");
    }
}
