using System.Globalization;
using PosFleet.Logs;
using PosFleet.Logs.Storage;
using PosFleet.Samples.BackOffice;

namespace PosFleet.Tests.BackOffice;

/// <summary>The reports in a real Chromium: search, output encoding, paging, and the forms' server-side checks.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", BrowserCollection.Category)]
public sealed class ReportsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task SearchReference_ShowsOnlyThatTicketsEntries()
    {
        var stored = await browser.Host.Store.QueryAsync(new LogQuery { Organization = "shop-12", Text = "Payment terminal timeout", Limit = 1 }, CancellationToken.None);
        var reference = stored.Entries.Single().Reference!;
        var page = await browser.SignInAsync("ana");
        await page.GotoAsync(browser.Host.Url("fleet/reports?org=shop-12"));

        await page.FillAsync("input[name=ref]", reference);
        await page.ClickAsync("form.pf-filters button[type=submit]");
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("ref=", StringComparison.Ordinal));

        var references = await page.Locator("table.pf-entries td.pf-reference").AllInnerTextsAsync();
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.Equal(reference, r));
        Assert.Contains("Check the card reader", await page.InnerTextAsync("table.pf-entries"), StringComparison.Ordinal);
        Assert.Equal("https://kb.example.com/pos/payment-timeout", await page.Locator("table.pf-entries a.pf-kb").First.GetAttributeAsync("href"));
        // The rule's origin, stored by the SQLite store, above the hint; the component has its own column.
        Assert.All(await page.Locator("table.pf-entries .pf-rule-origin").AllInnerTextsAsync(), o => Assert.Equal(DemoData.PaymentOrigin, o));
        Assert.NotEmpty(await page.Locator("table.pf-entries .pf-rule-origin").AllInnerTextsAsync());
        Assert.Equal("Component", await page.Locator("table.pf-entries thead th").Nth(3).InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "reports");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Filters_MessageKindTerminalAndTime_ShowWhatTheStoreFinds()
    {
        var now = browser.Host.Clock.GetUtcNow();
        var to = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, 0, 0, TimeSpan.Zero).AddHours(-1);
        var from = to.AddHours(-30);
        var filtered = new LogQuery { Organization = "shop-12", Text = "refused", Kinds = new HashSet<LogKind> { LogKind.Retry }, Terminal = "till-03", From = from, To = to, Limit = 5_000 };
        var expected = await CountAsync(filtered);
        // "refused" is in retries and lost connections, and each filter alone leaves rows the others keep out, so the
        // page shows the store's count only if it applies all four.
        Assert.InRange(expected, 1, 49);
        Assert.True(await CountAsync(filtered with { Text = null }) > expected, "retries without the word");
        Assert.True(await CountAsync(filtered with { Kinds = null }) > expected, "lost connections with the word");
        Assert.True(await CountAsync(filtered with { Terminal = null }) > expected, "other tills' retries");
        Assert.True(await CountAsync(filtered with { From = null, To = null }) > expected, "retries outside the hours");
        var page = await browser.SignInAsync("ana");
        await page.GotoAsync(browser.Host.Url("fleet/reports?org=shop-12"));

        await page.FillAsync("input[name=q]", "refused");
        await page.FillAsync("input[name=terminal]", "till-03");
        await page.SelectOptionAsync("select[name=kind]", "Retry");
        await page.FillAsync("input[name=from]", from.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture)); // the back office shows UTC
        await page.FillAsync("input[name=to]", to.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await page.ClickAsync("form.pf-filters button[type=submit]");
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("kind=Retry", StringComparison.Ordinal));

        var rows = page.Locator("table.pf-entries tbody tr");
        Assert.Equal(expected, await rows.CountAsync());
        Assert.All(await rows.Locator("td:nth-child(3)").AllInnerTextsAsync(), t => Assert.Equal("till-03", t));
        Assert.All(await rows.Locator("td.pf-message").AllInnerTextsAsync(), m => Assert.Contains("refused", m, StringComparison.Ordinal));
        Assert.All(await rows.Locator("td:nth-child(2)").AllInnerTextsAsync(), k => Assert.Equal("Retry", k));
        await page.Context.CloseAsync();
    }

    private async Task<int> CountAsync(LogQuery query) =>
        (await browser.Host.Store.QueryAsync(query, CancellationToken.None)).Entries.Count;

    [Fact]
    public async Task LogLineWithScript_ShowsAsText_AndRunsNothing()
    {
        var page = await browser.SignInAsync("ana");
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await page.GotoAsync(browser.Host.Url($"fleet/reports?org=shop-12&ref={DemoData.MarkupReference}"));

        Assert.Equal(DemoData.MarkupMessage, await page.Locator("table.pf-entries td.pf-message").InnerTextAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('script').length"));
        Assert.Equal(0, dialogs);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Paging_NextPage_ContinuesWithOlderEntriesWithoutRepeats()
    {
        var page = await browser.SignInAsync("ana");
        await page.GotoAsync(browser.Host.Url("fleet/reports?org=shop-12&severity=Error"));
        var first = await page.Locator("table.pf-entries tbody tr").CountAsync();
        var firstTimes = await page.Locator("table.pf-entries tbody tr td:first-child").AllInnerTextsAsync();

        await page.ClickAsync("a.pf-next");
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("after=", StringComparison.Ordinal));

        Assert.Equal(50, first);
        Assert.True(await page.Locator("table.pf-entries tbody tr").CountAsync() > 0);
        Assert.Equal("Error", await page.Locator("select[name=severity]").InputValueAsync());
        Assert.True(await page.Locator("a.pf-first").IsVisibleAsync());
        Assert.NotEqual(firstTimes, await page.Locator("table.pf-entries tbody tr td:first-child").AllInnerTextsAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Reports_AnotherOrganization_IsRefused()
    {
        var page = await browser.SignInAsync("ana");

        var response = await page.GotoAsync(browser.Host.Url("fleet/reports?org=shop-34"));

        Assert.Equal(403, response!.Status);
        Assert.Equal(0, await page.Locator("table.pf-entries").CountAsync());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Form_PostedForAnotherOrganization_IsRefused()
    {
        var page = await browser.SignInAsync("luca");
        await page.GotoAsync(browser.Host.Url("fleet/reports?org=shop-34"));

        // What a user could do with the browser's developer tools: point the form at shop-12.
        await page.EvalOnSelectorAsync("form.pf-lang input[name=org]", "i => i.value = 'shop-12'");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form.pf-lang button"), r => r.Url.EndsWith("/fleet/language", StringComparison.Ordinal));

        Assert.Equal(403, response.Status);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Form_WithoutAntiforgeryToken_IsRefused()
    {
        var page = await browser.SignInAsync("ana");
        await page.GotoAsync(browser.Host.Url("fleet/reports?org=shop-12"));

        await page.EvalOnSelectorAsync("form.pf-lang input[name=__RequestVerificationToken]", "i => i.remove()");
        var response = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form.pf-lang button"), r => r.Url.EndsWith("/fleet/language", StringComparison.Ordinal));

        Assert.Equal(400, response.Status);
        Assert.Contains("The form has expired", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
