using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PosFleet.Actions;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>The actions page (seeds 001 and 004) in headless Chromium: pending and done, add, cancel, refusals.</summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", BrowserCollection.Category)]
public sealed class ActionsPageTests(BrowserFixture browser) : IAsyncLifetime
{
    private StatusPagesHost _host = null!;

    public async Task InitializeAsync() => _host = await StatusPagesHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private IRemoteActionQueue Queue => _host.Services.GetRequiredService<IRemoteActionQueue>();

    [Fact]
    public async Task AddAction_ForOneTerminal_ShowsItPendingThenCancelMovesItToDone()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana");
        await page.GotoAsync(new Uri(_host.Root, "actions").ToString());
        Assert.Equal(1, await page.Locator("#pending-empty").CountAsync());

        await page.Locator("details.add summary").ClickAsync();
        await page.Locator("#add-terminal").FillAsync("till-a1");
        await page.Locator("#add-name").SelectOptionAsync("clear-cache");
        await page.Locator("#add-submit").ClickAsync();

        var pending = page.Locator("#pending tbody tr");
        Assert.Equal(1, await pending.CountAsync());
        Assert.Equal("Pending", await pending.First.GetAttributeAsync("data-state"));
        Assert.Contains("till-a1", await pending.First.InnerTextAsync());
        await BrowserFixture.ScreenshotAsync(page, "actions");

        await pending.First.Locator("form.cancel button").ClickAsync();
        Assert.Equal(1, await page.Locator("#pending-empty").CountAsync());
        Assert.Equal("Canceled", await page.Locator("#done tbody tr").First.GetAttributeAsync("data-state"));
        var action = Assert.Single((await Queue.ListAsync(new RemoteActionQuery { Organization = "shop-12" })).Actions);
        Assert.Equal(RemoteActionState.Canceled, action.State);
    }

    [Fact]
    public async Task AddAction_ForEveryTerminalOfTheOrganization_QueuesOnePerEnrolledTerminal()
    {
        var page = await _host.SignInAsync(browser.Browser, "ana");
        await page.GotoAsync(new Uri(_host.Root, "actions").ToString());
        await page.Locator("details.add summary").ClickAsync();
        await page.Locator("#add-name").SelectOptionAsync("reimport-order");
        await page.Locator("textarea[name=parameters]").FillAsync("order=1234");
        await page.Locator("#add-submit").ClickAsync();

        Assert.Equal(4, await page.Locator("#pending tbody tr[data-state=Pending]").CountAsync());
        var actions = (await Queue.ListAsync(new RemoteActionQuery { Organization = "shop-12" })).Actions;
        Assert.Equal(["till-a1", "till-a2", "till-a3", "till-a4"], actions.Select(a => a.TerminalId).Order());
        Assert.All(actions, a => Assert.Equal("1234", a.Parameters["order"]));
        Assert.Empty((await Queue.ListAsync(new RemoteActionQuery { Organization = "shop-34" })).Actions);
    }

    [Fact]
    public async Task Actions_AnotherOrganizationsUser_IsRefusedOnEveryPageAndPost()
    {
        var queued = await Queue.QueueAsync(new RemoteActionRequest { Organization = "shop-12", TerminalId = "till-a1", Name = "clear-cache" });
        var id = queued[0].Action.Id.ToString();
        var page = await _host.SignInAsync(browser.Browser, "luca");
        await page.GotoAsync(new Uri(_host.Root, "actions").ToString());
        var token = await page.Locator("form.add-action input[name=__RequestVerificationToken]").GetAttributeAsync("value");
        var request = page.Context.APIRequest;

        Assert.Equal(403, (await request.GetAsync(new Uri(_host.Root, "actions?org=shop-12").ToString())).Status);
        Assert.Equal(403, (await request.GetAsync(new Uri(_host.Root, "actions/archive?id=" + id).ToString())).Status);
        Assert.Equal(403, (await PostAsync(request, "actions/cancel", $"__RequestVerificationToken={Uri.EscapeDataString(token!)}&id={id}")).Status);
        Assert.Equal(403, (await PostAsync(request, "actions/add", $"__RequestVerificationToken={Uri.EscapeDataString(token!)}&org=shop-12&terminal=till-a1&name=leave-safe-mode")).Status);

        var actions = (await Queue.ListAsync(new RemoteActionQuery { Organization = "shop-12" })).Actions;
        Assert.Equal(RemoteActionState.Pending, Assert.Single(actions).State);
    }

    [Fact]
    public async Task RetrieveLogsArchive_Uploaded_DownloadsTheSameBytesAndIsRefusedToAnotherOrganization()
    {
        var action = (await Queue.QueueAsync(new RemoteActionRequest { Organization = "shop-12", TerminalId = "till-a2", Name = "retrieve-logs" }))[0].Action;
        var store = _host.Services.GetRequiredService<IRemoteActionStore>();
        await store.DeliverAsync("shop-12", "till-a2", StatusPagesHost.Now, 10, CancellationToken.None);
        var archive = Enumerable.Range(0, 5000).Select(i => (byte)(i * 7)).ToArray();
        RemoteActionReport Report(RemoteActionState state) => new() { Id = Guid.NewGuid(), ActionId = action.Id, State = state, At = StatusPagesHost.Now, Attempt = 1 };
        await store.RecordAsync("shop-12", "till-a2", Report(RemoteActionState.Running) with { Upload = new RemoteActionUploadChunk { Offset = 0, Data = archive, TotalLength = archive.Length } }, 1 << 20, CancellationToken.None);
        await store.RecordAsync("shop-12", "till-a2", Report(RemoteActionState.Succeeded) with { Detail = "5000 bytes of logs" }, 1 << 20, CancellationToken.None);

        var page = await _host.SignInAsync(browser.Browser, "ana");
        await page.GotoAsync(new Uri(_host.Root, "actions?terminal=till-a2").ToString());
        Assert.Equal("Succeeded", await page.Locator("#done tbody tr").First.GetAttributeAsync("data-state"));
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#done a.archive").ClickAsync());
        var file = Path.Combine(_host.Directory.Path, "logs.gz");
        await download.SaveAsAsync(file);
        Assert.Equal(archive, await File.ReadAllBytesAsync(file));

        var luca = await _host.SignInAsync(browser.Browser, "luca");
        Assert.Equal(403, (await luca.Context.APIRequest.GetAsync(new Uri(_host.Root, "actions/archive?id=" + action.Id).ToString())).Status);
    }

    private Task<IAPIResponse> PostAsync(IAPIRequestContext request, string path, string body) =>
        request.PostAsync(new Uri(_host.Root, path).ToString(), new() { Headers = new Dictionary<string, string> { ["Content-Type"] = "application/x-www-form-urlencoded" }, Data = body, MaxRedirects = 0 });
}
