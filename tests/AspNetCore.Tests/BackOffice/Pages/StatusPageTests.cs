using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosFleet.Actions;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>The status board page (seed 004) in headless Chromium, over a SQLite back office.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", BrowserCollection.Category)]
public sealed class StatusPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private StatusPagesHost _host = null!;

    public async Task InitializeAsync() => _host = await StatusPagesHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Board_FilteredToRed_ShowsRedRowsOnlyAndExcelHoldsThem()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana");
        Assert.Equal(4, await page.Locator("#board tbody tr").CountAsync());
        await BrowserFixture.ScreenshotAsync(page, "status-board");

        await page.Locator("input[name=health][value=Red]").CheckAsync();
        await page.Locator("#board-search").ClickAsync();

        var rows = page.Locator("#board tbody tr");
        Assert.Equal(1, await rows.CountAsync());
        Assert.Equal("Red", await rows.First.GetAttributeAsync("data-health"));
        Assert.Equal("till-a2", await rows.First.GetAttributeAsync("data-terminal"));
        Assert.Contains("h-red", await rows.First.GetAttributeAsync("class"));
        // The terminal's error text holds markup: it is shown as text, never run.
        Assert.StartsWith("<script>alert('x')</script>", await rows.First.Locator("td.pf-message").InnerTextAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#board-excel").ClickAsync());
        var file = Path.Combine(_host.Directory.Path, "board.xlsx");
        await download.SaveAsAsync(file);
        var sheet = ReadSheet(file);
        Assert.Equal(3, sheet.Count); // the filters line, the titles, one terminal
        Assert.Equal(["shop-12", "till-a2", "Red"], sheet[2].Take(3));
    }

    [Fact]
    public async Task Board_HideSyncedAndWithinMinutes_ShowsOnlyRecentFailures()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana");
        await page.Locator("input[name=within]").FillAsync("30");
        await page.Locator("select[name=unit]").SelectOptionAsync("minutes");
        await page.Locator("#board-search").ClickAsync();
        Assert.Equal(3, await page.Locator("#board tbody tr").CountAsync()); // till-a4, silent for 5 hours, is left out

        await page.Locator("input[name=hideSynced]").CheckAsync();
        await page.Locator("#board-search").ClickAsync();
        Assert.Equal(["till-a2"], await page.Locator("#board tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.terminal)"));
    }

    [Fact]
    public async Task ResetDatabase_AsksForConfirmation_QueuesOnlyOnceConfirmed()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana");
        await page.Locator("tr[data-terminal=till-a1] form.reset button").ClickAsync();

        Assert.Contains("till-a1", await page.Locator("#reset-warning").InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "status-reset-confirmation");
        Assert.Empty(await ListAsync("shop-12"));

        await page.Locator("#reset-confirm").ClickAsync();
        var pending = page.Locator("#pending tbody tr");
        Assert.Equal(1, await pending.CountAsync());
        Assert.Equal("Pending", await pending.First.GetAttributeAsync("data-state"));
        var action = Assert.Single(await ListAsync("shop-12"));
        Assert.Equal(("till-a1", "reset-database"), (action.TerminalId, action.Name));
    }

    [Fact]
    public async Task RetrieveLogs_RequestedFromTheRow_QueuesThePeriodAndSize()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana");
        var row = page.Locator("tr[data-terminal=till-a2]");
        await row.Locator("summary").First.ClickAsync();
        await row.Locator("input[name=from]").FillAsync("2026-11-29T06:00");
        await row.Locator("input[name=to]").FillAsync("2026-11-29T18:00");
        await row.Locator("input[name=maxMb]").FillAsync("5");
        await row.Locator("form.retrieve-logs button").ClickAsync();

        var action = Assert.Single(await ListAsync("shop-12"));
        Assert.Equal("retrieve-logs", action.Name);
        Assert.Equal("2026-11-29T06:00:00.0000000+00:00", action.Parameters["from"]);
        Assert.Equal("2026-11-29T18:00:00.0000000+00:00", action.Parameters["to"]);
        Assert.Equal((5 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture), action.Parameters["max-bytes"]);
        Assert.Equal(1, await page.Locator("#pending tbody tr[data-state=Pending]").CountAsync());
    }

    [Fact]
    public async Task QueueAction_FromTheRow_IsQueuedForThatTerminalAndShownPending()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana");
        var row = page.Locator("#board tbody tr[data-terminal=till-a3]");

        await row.Locator("summary", new() { HasTextString = "Queue an action" }).ClickAsync();
        await row.Locator("form.queue-action select[name=name]").SelectOptionAsync("clear-cache");
        await row.Locator("form.queue-action button[type=submit]").ClickAsync();
        await BrowserFixture.ArrivedAsync(page, url => url.Contains("/fleet/actions", StringComparison.Ordinal));

        var action = Assert.Single(await ListAsync("shop-12"));
        Assert.Equal(("till-a3", "clear-cache", RemoteActionState.Pending), (action.TerminalId, action.Name, action.State));
        Assert.Equal(1, await page.Locator("#pending tbody tr").CountAsync());
        Assert.Empty(await ListAsync("shop-34"));
    }

    [Fact]
    public async Task Board_AnotherOrganizationsUser_IsRefusedOnEveryPageAndPost()
    {
        var page = await _host.SignInAsync(browser.Browser, "luca");
        Assert.Equal(["till-b1"], await page.Locator("#board tbody tr").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.terminal)"));
        var token = await page.Locator("form.reset input[name=__RequestVerificationToken]").First.GetAttributeAsync("value");

        var request = page.Context.APIRequest;
        Assert.Equal(403, (await request.GetAsync(new Uri(_host.Root, "status?org=shop-12").ToString())).Status);
        Assert.Equal(403, (await request.GetAsync(new Uri(_host.Root, "status/export?org=shop-12").ToString())).Status);
        foreach (var (path, extra) in new[] { ("status/reset", "confirm=yes"), ("status/retrieve-logs", "maxMb=1"), ("status/action", "name=clear-cache") })
        {
            var response = await PostAsync(request, path, $"__RequestVerificationToken={Uri.EscapeDataString(token!)}&org=shop-12&terminal=till-a1&{extra}");
            Assert.Equal(403, response.Status);
        }

        // Without the token, refused before anything else.
        Assert.Equal(400, (await PostAsync(request, "status/action", "org=shop-34&terminal=till-b1&name=clear-cache")).Status);
        Assert.Empty(await ListAsync("shop-12"));
        Assert.Empty(await ListAsync("shop-34"));
    }

    internal Task<IAPIResponse> PostAsync(IAPIRequestContext request, string path, string body) =>
        request.PostAsync(new Uri(_host.Root, path).ToString(), new() { Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, Data = body, MaxRedirects = 0 });

    private async Task<IReadOnlyList<RemoteAction>> ListAsync(string organization) =>
        (await _host.Services.GetRequiredService<IRemoteActionQueue>().ListAsync(new RemoteActionQuery { Organization = organization })).Actions;

    private static List<string[]> ReadSheet(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        return [.. sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToArray())];
    }
}
