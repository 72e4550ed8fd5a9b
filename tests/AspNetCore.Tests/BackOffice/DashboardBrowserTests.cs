using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Logs;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Storage;
using PosFleet.Samples.BackOffice;

namespace PosFleet.Tests.BackOffice;

/// <summary>The dashboard in a real Chromium, its chart and tiles checked against the SQLite store it reads.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", BrowserCollection.Category)]
public sealed class DashboardBrowserTests(BrowserFixture browser)
{
    private const string Organization = "shop-12";

    [Fact]
    public async Task Chart_Every48Hours_MatchesTheStoresCounts()
    {
        var expected = await StoreHoursAsync();
        var page = await browser.SignInAsync("ana");

        var bars = await page.Locator("svg g.pf-hour").EvaluateAllAsync<string[][]>(
            "gs => gs.map(g => [g.dataset.hour, g.dataset.success, g.dataset.alert, g.dataset.error])");

        Assert.Equal(48, bars.Length);
        Assert.Equal(expected.Select(h => $"{h.Hour:yyyy-MM-dd'T'HH:mm'Z'} {h.Success} {h.Alert} {h.Error}"), bars.Select(b => string.Join(' ', b)));
        Assert.True(expected.Sum(h => h.Error) > 0 && expected.Sum(h => h.Alert) > 0, "the demo data has errors and alerts");
        await BrowserFixture.ScreenshotAsync(page, "dashboard");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Tiles_ShowTheStoresTotals_AndOpenTheReportsFiltered()
    {
        var expected = await StoreHoursAsync();
        var page = await browser.SignInAsync("ana");

        var tiles = await page.Locator(".pf-tile strong").AllInnerTextsAsync();
        Assert.Equal(
            new[] { expected.Sum(h => h.Success), expected.Sum(h => h.Alert), expected.Sum(h => h.Error) }.Select(n => n.ToString("N0", CultureInfo.GetCultureInfo("en"))),
            tiles);
        Assert.Equal(["pf-tile pf-success", "pf-tile pf-alert", "pf-tile pf-error"], await page.Locator(".pf-tile").EvaluateAllAsync<string[]>("ts => ts.map(t => t.className)"));

        await page.ClickAsync(".pf-tile.pf-error");
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("/fleet/reports", StringComparison.Ordinal));

        var severities = await page.Locator("table.pf-entries tbody tr").EvaluateAllAsync<string[]>("rs => rs.map(r => r.dataset.severity)");
        Assert.NotEmpty(severities);
        Assert.All(severities, s => Assert.Equal("Error", s));
        Assert.Equal("Error", await page.Locator("select[name=severity]").InputValueAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dashboard_SpanishBrowser_IsInSpanish()
    {
        var page = await browser.SignInAsync("ana", locale: "es-ES");

        Assert.Equal("Panel", await page.InnerTextAsync("h1"));
        Assert.Equal("es", await page.GetAttributeAsync("html", "lang"));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ContactSupport_IsAMailtoWithTheTerminalAndTheError()
    {
        var page = await browser.SignInAsync("ana");

        var href = await page.Locator("table.pf-templates a.pf-support").First.GetAttributeAsync("href");

        Assert.NotNull(href);
        Assert.StartsWith("mailto:support@example.com?subject=", href, StringComparison.Ordinal);
        var body = Uri.UnescapeDataString(href[(href.IndexOf("&body=", StringComparison.Ordinal) + 6)..]);
        Assert.Matches("Terminal: till-0[1-6]\nOrganization: shop-12\nError: ", body);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task BusiestTerminals_ShowTheStoresErrorCountsMostFirst()
    {
        var (from, to) = Window();
        var entries = (await browser.Host.Store.QueryAsync(new LogQuery { From = from, To = to, Organization = Organization, Limit = LogQuery.MaxLimit }, CancellationToken.None)).Entries;
        Assert.True(entries.Count < LogQuery.MaxLimit, "the window's entries fit one page");
        var errors = entries.Where(e => e.Severity == LogSeverity.Error).GroupBy(e => e.Terminal!).ToDictionary(g => g.Key, g => (long)g.Count(), StringComparer.Ordinal);
        var top = browser.Host.Services.GetRequiredService<IOptions<LogDashboardOptions>>().Value.Top;
        var page = await browser.SignInAsync("ana");

        var rows = await page.Locator("table.pf-terminals tbody tr").EvaluateAllAsync<string[][]>("rs => rs.map(r => [r.cells[0].innerText, r.cells[1].innerText])");

        Assert.Equal(Math.Min(errors.Count, top), rows.Length);
        Assert.All(rows, row => Assert.Equal(errors[row[0]].ToString("N0", CultureInfo.GetCultureInfo("en")), row[1]));
        Assert.Equal(errors.Values.OrderDescending().Take(top), rows.Select(row => errors[row[0]]));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TopTemplates_PaymentTimeout_CarriesItsRulesOriginHintAndLink()
    {
        var page = await browser.SignInAsync("ana");

        // The demo's payment timeouts, found by their message: the rule's origin, hint and knowledge-base link beside it.
        var payment = page.Locator("table.pf-templates tbody tr", new() { Has = page.Locator("td.pf-message", new() { HasTextString = "Payment terminal timeout" }) });

        Assert.Equal(1, await payment.CountAsync());
        Assert.Equal(DemoData.PaymentOrigin, await payment.Locator(".pf-rule-origin").InnerTextAsync());
        Assert.StartsWith("Check the card reader", await payment.Locator(".pf-hint").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("https://kb.example.com/pos/payment-timeout", await payment.Locator("a.pf-kb").GetAttributeAsync("href"));
        await page.Context.CloseAsync();
    }

    /// <summary>The dashboard's 48 hours: up to the end of the current hour.</summary>
    private (DateTimeOffset From, DateTimeOffset To) Window()
    {
        var now = browser.Host.Clock.GetUtcNow();
        var to = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero).AddHours(1);
        return (to.AddHours(-48), to);
    }

    /// <summary>The window's hours counted straight from the store, as the dashboard should show them.</summary>
    private async Task<List<(DateTimeOffset Hour, long Success, long Alert, long Error)>> StoreHoursAsync()
    {
        var (from, to) = Window();
        var buckets = await browser.Host.Store.CountAsync(new LogQuery { From = from, To = to, Organization = Organization }, CancellationToken.None);
        return Enumerable.Range(0, 48).Select(i => from.AddHours(i)).Select(hour => (
            hour,
            buckets.Where(b => b.Hour == hour && b.Severity == LogSeverity.Success).Sum(b => b.Count),
            buckets.Where(b => b.Hour == hour && b.Severity == LogSeverity.Alert).Sum(b => b.Count),
            buckets.Where(b => b.Hour == hour && b.Severity == LogSeverity.Error).Sum(b => b.Count))).ToList();
    }
}
