using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosFleet.Status;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>A terminal's sync error history in headless Chromium, over a SQLite back office: reached from its board row, shown as text, organization-checked.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", BrowserCollection.Category)]
public sealed partial class SyncErrorsPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private StatusPagesHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await StatusPagesHost.StartAsync();
        // An hour before its latest heartbeat's error, till-a2 failed once already: its history holds two errors.
        await _host.Services.GetRequiredService<ITerminalStatusStore>().RecordAsync(
            new TerminalStatus { TerminalId = "till-a2", Organization = "shop-12", ApplicationVersion = "35.0", LastSyncError = "TLS handshake failed", ReceivedAt = StatusPagesHost.Now.AddHours(-1) },
            100,
            CancellationToken.None);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task SyncErrors_FromTheBoardRow_NewestFirstAsTextAndNothingRun()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana");
        var dialogs = 0;
        page.Dialog += (_, dialog) =>
        {
            dialogs++;
            _ = dialog.DismissAsync();
        };

        await page.Locator("tr[data-terminal=till-a2] a.sync-errors").ClickAsync();

        // The address and the rows polled for, not the page's load event: a wait for that event once ran out its 90 s on
        // this page, only the network-idle event seen while it waited.
        await Assertions.Expect(page).ToHaveURLAsync(SyncErrorsAddress());
        var rows = page.Locator("#sync-errors tbody td.pf-message");
        await Assertions.Expect(rows).ToHaveCountAsync(2);

        var messages = await rows.AllInnerTextsAsync();
        Assert.Equal(2, messages.Count);
        Assert.Equal("<script>alert('x')</script> The back office could not be reached: Connection refused", messages[0]);
        Assert.Equal("TLS handshake failed", messages[1]);
        Assert.Contains("till-a2", await page.TitleAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.EvaluateAsync<int>("document.querySelectorAll('script').length"));
        Assert.Equal(0, dialogs);
        await BrowserFixture.ScreenshotAsync(page, "status-sync-errors");
        await page.Context.CloseAsync();
    }

    [GeneratedRegex("/status/errors")]
    private static partial Regex SyncErrorsAddress();

    [Fact]
    public async Task SyncErrors_AnotherOrganizationsTerminal_RefusedOrEmpty()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana");

        // Naming shop-34, which ana may not see: refused on the server.
        var refused = await page.GotoAsync(new Uri(_host.Root, "status/errors?org=shop-34&terminal=till-b1").ToString());
        Assert.Equal(403, refused!.Status);
        Assert.Equal(0, await page.Locator("#sync-errors").CountAsync());

        // Naming her own organization with shop-34's terminal: its errors were recorded for shop-34, none shows.
        var mine = await page.GotoAsync(new Uri(_host.Root, "status/errors?org=shop-12&terminal=till-b1").ToString());
        Assert.Equal(200, mine!.Status);
        Assert.Equal(0, await page.Locator("#sync-errors").CountAsync());
        Assert.Equal(1, await page.Locator("p.pf-empty").CountAsync());
        Assert.DoesNotContain("Connection refused", await page.ContentAsync(), StringComparison.Ordinal);
        await page.Context.CloseAsync();
    }
}
