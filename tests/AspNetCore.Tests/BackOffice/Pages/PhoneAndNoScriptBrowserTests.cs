using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosFleet.Actions;
using PosFleet.Digests;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>
/// Every page in headless Chromium as the issue asks it to be usable: at a phone's width (390 px) without sideways
/// scrolling, and with JavaScript switched off — every page reads, the navigation's links and the filters work. The
/// dashboard and the reports are read over the sample's demo logs (the fixture's host); the status, actions, digests
/// and notifications pages over the status pages' host.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", BrowserCollection.Category)]
public sealed class PhoneAndNoScriptBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private const int PhoneWidth = 390;

    private StatusPagesHost _host = null!;

    public async Task InitializeAsync() => _host = await StatusPagesHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EveryPage_AtAPhonesWidth_NeedsNoSidewaysScrolling()
    {
        await _host.Services.GetRequiredService<IRemoteActionQueue>().QueueAsync(new RemoteActionRequest { Organization = "shop-12", TerminalId = "till-a1", Name = "clear-cache" });
        await _host.Services.GetRequiredService<IDigestStore>().SaveSubscriptionAsync(
            new DigestSubscription { Id = "shop-errors", Name = "Shop errors", Organization = "shop-12", Recipients = ["ops@example.com", "Ana Example <ana@example.es>"] },
            CancellationToken.None);
        var overflows = new List<string>();

        var logs = await browser.SignInAsync("ana", width: PhoneWidth);
        foreach (var path in new[] { "fleet/", "fleet/reports", "fleet/reports?severity=Error" })
        {
            await logs.GotoAsync(browser.Host.Url(path));
            await MeasureAsync(logs, path, overflows);
            if (path == "fleet/")
            {
                await BrowserFixture.ScreenshotAsync(logs, "dashboard-phone");
            }
        }

        await logs.Context.CloseAsync();

        var pages = await _host.SignInAsync(browser.Browser, "ana", width: PhoneWidth);
        foreach (var path in new[] { "status", "status/errors?terminal=till-a2", "actions", "actions?terminal=till-a1", "digests", "digests?id=shop-errors", "notifications" })
        {
            await pages.GotoAsync(new Uri(_host.Root, path).ToString());
            await MeasureAsync(pages, path, overflows);
        }

        // The reset's confirmation, a page of its own.
        await pages.GotoAsync(new Uri(_host.Root, "status").ToString());
        await pages.Locator("#board tbody tr[data-terminal=till-a1] form.reset button").ClickAsync();
        await BrowserFixture.ArrivedAsync(pages, url => url.Contains("/status/reset", StringComparison.Ordinal));
        await MeasureAsync(pages, "status/reset (confirmation)", overflows);
        await pages.Context.CloseAsync();

        Assert.True(overflows.Count == 0, "wider than a phone: " + string.Join("; ", overflows));
    }

    [Fact]
    public async Task StatusActionsDigests_WithoutJavaScript_ReadAndTheirLinksAndFiltersWork()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana", javaScript: false);
        Assert.Equal("POS status", await page.InnerTextAsync("h1"));
        Assert.Equal(4, await page.Locator("#board tbody tr").CountAsync());

        // The board's filter is a plain GET form.
        await page.Locator("input[name=health][value=Red]").CheckAsync();
        await page.Locator("#board-search").ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("health=Red", StringComparison.Ordinal));
        Assert.Equal(["Red"], await page.Locator("#board tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.health)"));

        // Every link of the navigation opens its page.
        foreach (var (link, path, heading) in new[] { ("Actions", "actions", "Actions"), ("Digests", "digests", "Error follow-up"), ("Status", "status", "POS status"), ("Reports", "reports", "Reports"), ("Dashboard", "", "Dashboard") })
        {
            await page.Locator("nav.pf-nav a", new() { HasTextString = link }).First.ClickAsync();
            await BrowserFixture.ArrivedAsync(page, url => url.Contains($"/fleet/{path}?org=shop-12", StringComparison.Ordinal));
            Assert.Equal(heading, await page.InnerTextAsync("h1"));
        }

        // A form that changes something works too: queue an action from the actions page (its <details> opens without script).
        await page.GotoAsync(new Uri(_host.Root, "actions").ToString());
        await page.Locator("details.add summary").ClickAsync();
        await page.Locator("form.add-action [name=terminal]").FillAsync("till-a1");
        await page.Locator("form.add-action [name=name]").SelectOptionAsync("clear-cache");
        await page.Locator("#add-submit").ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("terminal=till-a1", StringComparison.Ordinal));
        Assert.Equal(1, await page.Locator("#pending tbody tr").CountAsync());
        Assert.Single((await _host.Services.GetRequiredService<IRemoteActionQueue>().ListAsync(new RemoteActionQuery { Organization = "shop-12" })).Actions);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task DashboardAndReports_WithoutJavaScript_ReadAndTheirTilesFiltersAndPagesWork()
    {
        var page = await browser.SignInAsync("ana", javaScript: false);
        Assert.Equal("Dashboard", await page.InnerTextAsync("h1"));
        Assert.Equal(48, await page.Locator("svg g.pf-hour").CountAsync());

        // A tile is a link to the reports filtered.
        await page.ClickAsync(".pf-tile.pf-alert");
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("/fleet/reports", StringComparison.Ordinal));
        Assert.All(await Severities(page), s => Assert.Equal("Alert", s));

        // The filters are a GET form.
        await page.Locator("select[name=severity]").SelectOptionAsync("Error");
        await page.Locator("form.pf-filters button[type=submit]").ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("severity=Error", StringComparison.Ordinal));
        var first = await Severities(page);
        Assert.NotEmpty(first);
        Assert.All(first, s => Assert.Equal("Error", s));

        // Paging is a link: the demo's errors fill more than one page.
        Assert.Equal(1, await page.Locator("a.pf-next").CountAsync());
        await page.ClickAsync("a.pf-next");
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("after=", StringComparison.Ordinal));
        var second = await Severities(page);
        Assert.NotEmpty(second);
        Assert.All(second, s => Assert.Equal("Error", s));

        await page.Context.CloseAsync();
    }

    private static Task<string[]> Severities(IPage page) =>
        page.Locator("table.pf-entries tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.severity)");

    private static async Task MeasureAsync(IPage page, string path, List<string> overflows)
    {
        Assert.NotEqual("", await page.InnerTextAsync("h1"));
        var (scroll, inner) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        if (scroll > inner)
        {
            overflows.Add($"{path}: {scroll} px in {inner} px");
        }
    }
}
