using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosFleet.AspNetCore.BackOffice.Pages;
using PosFleet.Notifications.Engine;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>The header's bell and its inbox page (issue 14's in-app inbox) in headless Chromium: count, list, mark read, refusals.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", BrowserCollection.Category)]
public sealed class NotificationsPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private StatusPagesHost _host = null!;

    public async Task InitializeAsync() => _host = await StatusPagesHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private INotificationInbox Inbox => _host.Services.GetRequiredService<INotificationInbox>();

    [Fact]
    public async Task Bell_UnreadEntries_ShowsTheStoresCountAndListsThemNewestFirstWithKeysetPages()
    {
        await SeedAsync("shop-12", "ana", 55);
        await SeedAsync("shop-34", "luca", 2);
        await Inbox.MarkReadAsync("shop-12", "ana", 3);
        var unread = await Inbox.CountUnreadAsync("shop-12", "ana");
        Assert.Equal(54, unread);

        var page = await _host.SignInAsync(browser.Browser, "ana");
        Assert.Equal(unread.ToString(), await page.Locator("header .pf-bell .pf-bell-count").InnerTextAsync());
        await page.Locator("header .pf-bell").ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("/fleet/notifications", StringComparison.Ordinal));

        var expected = await Inbox.ListAsync(new NotificationInboxQuery { OrganizationId = "shop-12", RecipientId = "ana" });
        Assert.Equal(expected.Entries.Select(e => e.Id.ToString()), await EntryIdsAsync(page));
        var first = page.Locator("#inbox li").First;
        Assert.Equal("Ticket 55 needs you", await first.Locator(".pf-inbox-subject").InnerTextAsync());
        Assert.Equal("/fleet/status?org=shop-12&q=ticket%2055", await first.Locator("a.pf-inbox-subject").GetAttributeAsync("href"));

        await page.Locator("nav.pf-pager a[rel=next]").ClickAsync();
        var older = await Inbox.ListAsync(new NotificationInboxQuery { OrganizationId = "shop-12", RecipientId = "ana", Before = expected.NextBefore });
        Assert.Equal(older.Entries.Select(e => e.Id.ToString()), await EntryIdsAsync(page));
        Assert.Equal(["1", "2", "3", "4", "5"], (await EntryIdsAsync(page)).Order());
        Assert.Equal("true", await page.Locator("#inbox li[data-entry='3']").GetAttributeAsync("data-read"));
        Assert.Equal("false", await page.Locator("#inbox li[data-entry='4']").GetAttributeAsync("data-read"));
        Assert.DoesNotContain("Luca", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MarkRead_OneThenAll_MarksThemInTheStoreAndTheBellCountsDown()
    {
        await SeedAsync("shop-12", "ana", 3);
        var page = await _host.SignInAsync(browser.Browser, "ana");
        await page.GotoAsync(new Uri(_host.Root, "notifications").ToString());
        Assert.Equal("3", await page.Locator("header .pf-bell-count").InnerTextAsync());

        await page.Locator("#inbox li[data-entry='2'] form.read button").ClickAsync();
        Assert.EndsWith("/fleet/notifications?org=shop-12", page.Url, StringComparison.Ordinal); // post/redirect/get
        Assert.Equal("2", await page.Locator("header .pf-bell-count").InnerTextAsync());
        Assert.Equal("true", await page.Locator("#inbox li[data-entry='2']").GetAttributeAsync("data-read"));
        var entries = (await Inbox.ListAsync(new NotificationInboxQuery { OrganizationId = "shop-12", RecipientId = "ana" })).Entries;
        Assert.Equal([2L], entries.Where(e => e.ReadAt is not null).Select(e => e.Id));
        Assert.Equal(StatusPagesHost.Now, entries.Single(e => e.Id == 2).ReadAt);
        await BrowserFixture.ScreenshotAsync(page, "notifications");

        await page.Locator("#read-all").ClickAsync();
        Assert.Equal("0", await page.Locator("header .pf-bell-count").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#read-all").CountAsync());
        Assert.Equal(0, await Inbox.CountUnreadAsync("shop-12", "ana"));
    }

    [Fact]
    public async Task Notifications_AnotherOrganizationsUser_CannotReadOrMarkAnothersEntries()
    {
        await SeedAsync("shop-12", "ana", 2);
        var luca = await _host.SignInAsync(browser.Browser, "luca");
        await luca.GotoAsync(new Uri(_host.Root, "notifications").ToString());
        Assert.Equal("0", await luca.Locator("header .pf-bell-count").InnerTextAsync());
        Assert.Equal(1, await luca.Locator("#inbox-empty").CountAsync());
        var token = await luca.Locator("header form input[name=__RequestVerificationToken]").First.GetAttributeAsync("value")
            ?? throw new InvalidOperationException("The page has no anti-forgery token.");
        var request = luca.Context.APIRequest;

        Assert.Equal(403, (await request.GetAsync(new Uri(_host.Root, "notifications?org=shop-12").ToString())).Status);
        Assert.Equal(403, (await PostAsync(request, "notifications/read", $"__RequestVerificationToken={Uri.EscapeDataString(token)}&org=shop-12&id=1")).Status);
        Assert.Equal(403, (await PostAsync(request, "notifications/read-all", $"__RequestVerificationToken={Uri.EscapeDataString(token)}&org=shop-12")).Status);
        Assert.Equal(400, (await PostAsync(request, "notifications/read-all", "org=shop-34")).Status);
        // In luca's own organization, ana's entry ids mark nothing: the inbox is keyed by (organization, recipient).
        Assert.Equal(302, (await PostAsync(request, "notifications/read", $"__RequestVerificationToken={Uri.EscapeDataString(token)}&org=shop-34&id=1")).Status);
        Assert.Equal(302, (await PostAsync(request, "notifications/read-all", $"__RequestVerificationToken={Uri.EscapeDataString(token)}&org=shop-34")).Status);

        Assert.Equal(2, await Inbox.CountUnreadAsync("shop-12", "ana"));
    }

    [Fact]
    public async Task Notifications_UnsafeOrHostileEntry_IsShownAsTextWithoutItsLink()
    {
        await AddAsync("shop-12", "ana", 1, "<script>alert('x')</script> Ticket", new Uri("javascript:alert(1)"));
        await AddAsync("shop-12", "ana", 2, "Off-site", new Uri("//evil.example/x", UriKind.Relative));
        await AddAsync("shop-12", "ana", 3, "Knowledge base", new Uri("https://kb.example.com/a b?x=<1>"));

        var page = await _host.SignInAsync(browser.Browser, "ana");
        await page.GotoAsync(new Uri(_host.Root, "notifications").ToString());

        Assert.Equal(0, await page.Locator("#inbox li[data-entry='1'] a").CountAsync());
        Assert.Equal("<script>alert('x')</script> Ticket", await page.Locator("#inbox li[data-entry='1'] .pf-inbox-subject").InnerTextAsync());
        Assert.Equal(0, await page.Locator("#inbox li[data-entry='2'] a").CountAsync());
        Assert.Equal("https://kb.example.com/a%20b?x=%3C1%3E", await page.Locator("#inbox li[data-entry='3'] a").GetAttributeAsync("href"));
    }

    [Theory]
    [InlineData("https://kb.example.com/x", "https://kb.example.com/x")]
    [InlineData("/fleet/status?org=shop-12", "/fleet/status?org=shop-12")]
    [InlineData("status?q=a:b", "status?q=a:b")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("data:text/html,<b>x</b>", null)]
    [InlineData("//evil.example/x", null)]
    [InlineData("/\\evil.example", null)]
    [InlineData("java\tscript:alert(1)", null)]
    public void SafeLink_Link_KeepsHttpAndSiteRelativeOnly(string link, string? expected) =>
        Assert.Equal(expected, NotificationsPage.SafeLink(new Uri(link, UriKind.RelativeOrAbsolute)));

    private async Task SeedAsync(string organization, string recipient, int count)
    {
        for (var i = 1; i <= count; i++)
        {
            await AddAsync(organization, recipient, i, $"Ticket {i} needs you", new Uri($"/fleet/status?org={organization}&q=ticket%20{i}", UriKind.Relative));
        }
    }

    private async Task AddAsync(string organization, string recipient, int n, string subject, Uri? link)
    {
        var store = _host.Services.GetRequiredService<INotificationStore>();
        var entry = new NotificationInboxEntry
        {
            Key = $"{organization}/{recipient}/{n}",
            OrganizationId = organization,
            RecipientId = recipient,
            ItemKind = "ticket",
            ItemId = n.ToString(),
            Subject = recipient == "luca" ? "Luca: " + subject : subject,
            Text = "Assigned to you.",
            Link = link,
            CreatedAt = StatusPagesHost.Now.AddMinutes(n - 100),
        };
        await store.AddAsync(new NotificationBatch([], [entry], []), CancellationToken.None);
    }

    private static async Task<IReadOnlyList<string>> EntryIdsAsync(IPage page)
    {
        var ids = new List<string>();
        foreach (var item in await page.Locator("#inbox li").AllAsync())
        {
            ids.Add(await item.GetAttributeAsync("data-entry") ?? "");
        }

        return ids;
    }

    private Task<IAPIResponse> PostAsync(IAPIRequestContext request, string path, string body) =>
        request.PostAsync(new Uri(_host.Root, path).ToString(), new() { Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, Data = body, MaxRedirects = 0 });
}
