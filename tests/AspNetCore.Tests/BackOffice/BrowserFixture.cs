using Microsoft.Playwright;

namespace PosFleet.Tests.BackOffice;

/// <summary>
/// One headless Chromium for the browser tests of a class: Debian's <c>chromium</c> (<c>/usr/bin/chromium</c>, or the
/// path in <c>POSFLEET_CHROMIUM</c>) driven by Playwright, with no browser downloaded; and one back office host.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;
    private BackOfficeHost? _host;

    internal BackOfficeHost Host => _host ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    public static string ChromiumPath => Environment.GetEnvironmentVariable("POSFLEET_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        _host = await BackOfficeHost.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
    }

    /// <summary>
    /// A new browser context (its own cookies) signed in as <paramref name="user"/> through the login page, at a phone's
    /// or a desk's width, with JavaScript or, as some back offices' browsers are, without.
    /// </summary>
    public Task<IPage> SignInAsync(string user, string locale = "en-GB", int width = 1280, bool javaScript = true) =>
        SignInAsync(Browser, new Uri(Host.Url("fleet/")), user, locale, width, javaScript);

    /// <summary>
    /// A new context of <paramref name="browser"/> that opens <paramref name="start"/>, is sent to the login page (the
    /// back office challenges nobody signed in), signs in as <paramref name="user"/> and is back on <paramref name="start"/>.
    /// </summary>
    public static async Task<IPage> SignInAsync(IBrowser browser, Uri start, string user, string locale, int width, bool javaScript)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = locale, AcceptDownloads = true, ViewportSize = new ViewportSize { Width = width, Height = 900 }, JavaScriptEnabled = javaScript });
        // Every wait of the context, and every polled assertion (Assertions.Expect, 5 s of its own otherwise), is given more
        // than Playwright's defaults: on a busy machine (two cores, a build beside the tests) a page served cold for the
        // first time in its host has taken longer than 30 s.
        context.SetDefaultTimeout(90_000);
        Assertions.SetDefaultExpectTimeout(90_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(start.ToString());
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);
        await page.ClickAsync($"button[name=user][value={user}]");
        var landing = start.GetLeftPart(UriPartial.Path);
        await ArrivedAsync(page, url => url.StartsWith(landing, StringComparison.Ordinal));
        return page;
    }

    /// <summary>
    /// Waits until <paramref name="page"/> is at a URL that <paramref name="url"/> accepts and that document has loaded:
    /// <c>WaitForURLAsync</c>'s own wait for the load event, except where the event is lost. On a busy machine that wait
    /// has timed out once after 90 s with the page loaded (its log: "networkidle" fired, "load" never), a known
    /// intermittent of Playwright's (microsoft/playwright-dotnet#2897); the document's own <c>readyState</c> then says.
    /// </summary>
    public static async Task ArrivedAsync(IPage page, Func<string, bool> url)
    {
        await page.WaitForURLAsync(url, new PageWaitForURLOptions { WaitUntil = WaitUntilState.Commit });
        try
        {
            await page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = 30_000 });
        }
        catch (TimeoutException)
        {
            await page.WaitForFunctionAsync("() => document.readyState === 'complete'");
        }
    }

    /// <summary>
    /// Saves a screenshot of the whole page as <c>{name}.png</c> in the folder named by <c>POSFLEET_SCREENSHOTS</c>
    /// (docs/screenshots/ when drawing them again); nothing without it.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("POSFLEET_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
