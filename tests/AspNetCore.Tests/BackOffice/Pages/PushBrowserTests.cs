using Microsoft.Playwright;

namespace PosFleet.Tests.BackOffice.Pages;

/// <summary>
/// The bell page with push set up, in headless Chromium: the page's own policy lets the package's script run (the
/// Enable button shows) and the worker register, with no policy violation in the console; both files are JavaScript.
/// </summary>
[Collection(BrowserCollection.Name)]
[Trait("Category", BrowserCollection.Category)]
public sealed class PushBrowserTests(BrowserFixture browser) : IAsyncLifetime
{
    private BackOfficeHost _host = null!;

    public async Task InitializeAsync()
    {
        var (publicKey, privateKey) = PushSubscriptionEndpointsTests.NewVapidKeys();
        _host = await PushSubscriptionEndpointsTests.StartWithPushAsync(publicKey, privateKey);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task BellPage_PushSetUp_ScriptRunsShowsEnableAndTheWorkerRegistersWithoutViolation()
    {
        var page = await BrowserFixture.SignInAsync(browser.Browser, new Uri(_host.Url("fleet/notifications?org=shop-12")), "ana", "en-GB", 1280, javaScript: true);
        var console = new List<string>();
        page.Console += (_, message) => console.Add(message.Text);
        await page.ReloadAsync();

        await page.Locator("#push-enable").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible });
        Assert.Equal("Enable notifications", await page.InnerTextAsync("#push-enable"));
        Assert.True(await page.Locator("#push-disable").IsHiddenAsync(), "no subscription yet: Turn off stays hidden");
        var scope = await page.EvaluateAsync<string>(
            "async () => { const r = await navigator.serviceWorker.register(document.getElementById('push').dataset.worker); return r.scope; }");
        Assert.EndsWith("/fleet/", scope, StringComparison.Ordinal);

        foreach (var path in new[] { "fleet/push.js", "fleet/push-sw.js" })
        {
            var response = await page.Context.APIRequest.GetAsync(_host.Url(path));
            Assert.Equal(200, response.Status);
            Assert.StartsWith("text/javascript", response.Headers["content-type"], StringComparison.Ordinal);
        }

        Assert.DoesNotContain(console, m => m.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task BellPage_WithoutScript_ReadsAndShowsNoPushButton()
    {
        var page = await BrowserFixture.SignInAsync(browser.Browser, new Uri(_host.Url("fleet/notifications?org=shop-12")), "ana", "en-GB", 1280, javaScript: false);

        Assert.Equal("Notifications", await page.InnerTextAsync("h1"));
        Assert.True(await page.Locator("#push-enable").IsHiddenAsync());
        Assert.True(await page.Locator("#push-disable").IsHiddenAsync());
        await page.Context.CloseAsync();
    }
}
