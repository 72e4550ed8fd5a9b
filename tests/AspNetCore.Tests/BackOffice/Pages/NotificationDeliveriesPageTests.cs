using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>
/// The notifications' delivery status page over HTTP (Kestrel, the SQLite file): what failed and why, the retries'
/// next attempt, the skips' reasons, keyset pages, and who may read it — ana administers shop-12, luca shop-34.
/// </summary>
public sealed partial class NotificationDeliveriesPageTests : IAsyncLifetime
{
    private StatusPagesHost _host = null!;

    public async Task InitializeAsync() => _host = await StatusPagesHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private INotificationStore Store => _host.Services.GetRequiredService<INotificationStore>();

    [Fact]
    public async Task Deliveries_FailedRetriedSentAndSkipped_ListsEachWithAttemptsNextAttemptAndErrorOrReason()
    {
        await QueueAsync("shop-12", "failed", minutesAgo: 4);
        await QueueAsync("shop-12", "retrying", minutesAgo: 3);
        await QueueAsync("shop-12", "sent", minutesAgo: 2);
        await SkipAsync("shop-12", "skipped", minutesAgo: 1, "No e-mail address in the contact record of the customer c-9.");
        await AttemptAsync(
            new NotificationAttempt("failed", NotificationDeliveryState.Failed, 8, StatusPagesHost.Now, "550 5.1.1 Mailbox unavailable", StatusPagesHost.Now),
            new NotificationAttempt("retrying", NotificationDeliveryState.Pending, 2, StatusPagesHost.Now.AddMinutes(10), "Connection refused by smtp.example.com", StatusPagesHost.Now),
            new NotificationAttempt("sent", NotificationDeliveryState.Sent, 1, StatusPagesHost.Now, null, StatusPagesHost.Now));
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana");

        var (status, body) = await ana.GetAsync("notifications/deliveries?org=shop-12");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([("skipped", "Skipped"), ("sent", "Sent"), ("retrying", "Pending"), ("failed", "Failed")], Rows(body));
        var failed = Row(body, "failed");
        Assert.Contains("<td class=\"pf-attempts\">8</td>", failed, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 Mailbox unavailable", failed, StringComparison.Ordinal);
        Assert.Contains("<td class=\"pf-next-attempt\"></td>", failed, StringComparison.Ordinal); // failed for good: no next attempt
        var retrying = Row(body, "retrying");
        Assert.Contains("<td class=\"pf-attempts\">2</td>", retrying, StringComparison.Ordinal);
        Assert.Contains($"<td class=\"pf-next-attempt\"><time datetime=\"{StatusPagesHost.Now.AddMinutes(10):O}\">", WebUtility.HtmlDecode(retrying), StringComparison.Ordinal);
        Assert.Contains("Connection refused by smtp.example.com", retrying, StringComparison.Ordinal);
        Assert.Contains("No e-mail address in the contact record of the customer c-9.", Row(body, "skipped"), StringComparison.Ordinal);

        var (_, onlyFailed) = await ana.GetAsync("notifications/deliveries?org=shop-12&status=Failed");
        Assert.Equal([("failed", "Failed")], Rows(onlyFailed));
        var (_, onlySkipped) = await ana.GetAsync("notifications/deliveries?org=shop-12&status=skipped");
        Assert.Equal([("skipped", "Skipped")], Rows(onlySkipped));
    }

    [Fact]
    public async Task Deliveries_MoreThanAPageWithTiesInTime_NextLinksReachEveryRecordOnceNewestFirst()
    {
        // 60 deliveries and 15 skips, three to a minute: pages of 50 cut through records of the same instant.
        for (var i = 0; i < 60; i++)
        {
            await QueueAsync("shop-12", $"d{i:D2}", minutesAgo: i / 3);
        }

        for (var i = 0; i < 15; i++)
        {
            await SkipAsync("shop-12", $"s{i:D2}", minutesAgo: i / 3, "No login is linked to this technician.");
        }

        await QueueAsync("shop-34", "theirs", minutesAgo: 0);
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana");

        var seen = new List<string>();
        string? path = "notifications/deliveries?org=shop-12";
        var pages = 0;
        while (path is not null && pages++ < 10)
        {
            var (status, body) = await ana.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(Rows(body).Select(r => r.Key));
            path = NextLink().Match(body) is { Success: true } next ? WebUtility.HtmlDecode(next.Groups["href"].Value)["/fleet/".Length..] : null;
        }

        Assert.Equal(2, pages);
        var expected = (await _host.Services.GetRequiredService<INotificationDeliveries>().QueryAsync("shop-12", new NotificationDeliveryQuery { Limit = 500 })).Records.Select(r => r.Key);
        Assert.Equal(expected, seen);
        Assert.Equal(75, seen.Distinct().Count());
        Assert.DoesNotContain("theirs", seen);
    }

    [Fact]
    public async Task Deliveries_NotTheOrganizationsAdministrator_IsRefused403AndTheBellDoesNotLinkIt()
    {
        await QueueAsync("shop-12", "failed", minutesAgo: 1);
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana");
        var (_, bell) = await ana.GetAsync("notifications?org=shop-12");
        Assert.Contains("href=\"/fleet/notifications/deliveries?org=shop-12\"", bell, StringComparison.Ordinal);

        _host.Administrators.Set("shop-12", "ana", hasProfile: false); // her login lost its profile
        var (withoutProfile, refused) = await ana.GetAsync("notifications/deliveries?org=shop-12");
        Assert.Equal(HttpStatusCode.Forbidden, withoutProfile);
        Assert.Empty(Rows(refused));

        _host.Administrators.Set("shop-12", "marta"); // someone else administers shop-12; ana only sets up its outlets
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.GetAsync("notifications/deliveries?org=shop-12")).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await ana.GetAsync("notifications/deliveries?org=shop-12&status=Pending")).Status);
        (_, bell) = await ana.GetAsync("notifications?org=shop-12");
        Assert.DoesNotContain("notifications/deliveries", bell, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_AnotherOrganization_IsRefused403EvenToItsDirectorysAdministrator()
    {
        await QueueAsync("shop-34", "theirs", minutesAgo: 1);
        using var luca = await BackOfficeUserClient.SignInAsync(_host.Root, "luca");
        Assert.Equal([("theirs", "Pending")], Rows((await luca.GetAsync("notifications/deliveries?org=shop-34")).Body));
        _host.Administrators.Set("shop-34", "ana"); // the directory says so, but she may not see shop-34
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana");

        var (status, body) = await ana.GetAsync("notifications/deliveries?org=shop-34");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("theirs", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_HostileErrorReasonAndIds_AreShownAsText()
    {
        await QueueAsync("shop-12", "hostile", minutesAgo: 2, item: "<img src=x onerror=alert(1)>");
        await SkipAsync("shop-12", "hostile-skip", minutesAgo: 1, "<script>alert('reason')</script>");
        await AttemptAsync(new NotificationAttempt("hostile", NotificationDeliveryState.Failed, 1, StatusPagesHost.Now, "<script>alert('error')</script> \"quoted\"", StatusPagesHost.Now));
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana");

        var (_, body) = await ana.GetAsync("notifications/deliveries?org=shop-12");

        Assert.DoesNotContain("<script>alert", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", body, StringComparison.Ordinal);
        Assert.Equal("<script>alert('error')</script> \"quoted\"", WebUtility.HtmlDecode(Message(Row(body, "hostile"))));
        Assert.Equal("<script>alert('reason')</script>", WebUtility.HtmlDecode(Message(Row(body, "hostile-skip"))));
        Assert.Contains("ticket <img src=x onerror=alert(1)>", WebUtility.HtmlDecode(Row(body, "hostile")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliveries_ACursorNoPageGave_IsRefused400()
    {
        using var ana = await BackOfficeUserClient.SignInAsync(_host.Root, "ana");
        Assert.Equal(HttpStatusCode.BadRequest, (await ana.GetAsync("notifications/deliveries?org=shop-12&after=not-a-cursor")).Status);
    }

    /// <summary>Queues an e-mail due after the host's clock, so the running dispatcher leaves it to the test.</summary>
    private async Task QueueAsync(string organization, string key, int minutesAgo, string item = "42")
    {
        var entry = new NotificationOutboxEntry
        {
            Key = key, Channel = NotificationChannel.Email, RecipientId = "ana", Address = "ana@example.com", ItemKind = "ticket", ItemId = item,
            EventId = "e-" + key, OrganizationId = organization, Content = new NotificationContent { Subject = "Ticket " + item, Text = "Assigned." },
            CreatedAt = StatusPagesHost.Now.AddMinutes(-minutesAgo), DueAt = StatusPagesHost.Now.AddHours(1),
        };
        Assert.Equal(1, await Store.AddAsync(new NotificationBatch([entry], [], []), CancellationToken.None));
    }

    private async Task SkipAsync(string organization, string key, int minutesAgo, string reason)
    {
        var skip = new NotificationSkip
        {
            Key = key, EventId = "e-" + key, ItemKind = "ticket", ItemId = "42", OrganizationId = organization, RecipientId = "c-9",
            Audience = "customer", Channel = NotificationChannel.Email, Reason = reason, At = StatusPagesHost.Now.AddMinutes(-minutesAgo),
        };
        await Store.AddAsync(new NotificationBatch([], [], [skip]), CancellationToken.None);
    }

    /// <summary>Records attempts the way the dispatcher does: claims what is due, then records each outcome under that claim.</summary>
    private async Task AttemptAsync(params NotificationAttempt[] attempts)
    {
        var claim = Guid.NewGuid();
        var claimed = await Store.ClaimDueAsync(StatusPagesHost.Now.AddHours(2), TimeSpan.FromMinutes(5), 100, claim, CancellationToken.None);
        Assert.Superset(attempts.Select(a => a.Key).ToHashSet(), claimed.Select(c => c.Key).ToHashSet());
        Assert.Equal(attempts.Length, await Store.RecordAttemptsAsync(attempts, claim, CancellationToken.None));
    }

    private static List<(string Key, string Status)> Rows(string body) =>
        [.. RowStart().Matches(body).Select(m => (WebUtility.HtmlDecode(m.Groups["key"].Value), m.Groups["status"].Value))];

    private static string Row(string body, string key) =>
        RowOf().Matches(body).Single(m => WebUtility.HtmlDecode(m.Groups["key"].Value) == key).Value;

    private static string Message(string row) => MessageCell().Match(row).Groups["text"].Value;

    [GeneratedRegex("<tr data-key=\"(?<key>[^\"]*)\" data-status=\"(?<status>[^\"]*)\">")]
    private static partial Regex RowStart();

    [GeneratedRegex("<tr data-key=\"(?<key>[^\"]*)\".*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowOf();

    [GeneratedRegex("<td class=\"pf-message\">(?<text>.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex MessageCell();

    [GeneratedRegex("<a class=\"pf-next\" rel=\"next\" id=\"deliveries-next\" href=\"(?<href>[^\"]+)\"")]
    private static partial Regex NextLink();
}
