using Microsoft.Playwright;

namespace PosFleet.AspNetCore.Tests.BackOffice.Pages;

/// <summary>
/// Headless Chromium for the pages' tests: Debian's <c>chromium</c> driven by Playwright, one browser per test class and
/// a fresh context (cookies, language) per user. Fails saying what to install when Chromium is missing.
/// </summary>
public sealed class StatusPagesBrowser : IAsyncLifetime
{
    private const string Chromium = "/usr/bin/chromium";
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: install Debian's chromium package (apt-get install chromium) to run the browser tests.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu"] });
    }

    /// <summary>A browser context signed in as <paramref name="user"/> (ana: ALPHA, bob: BRAVO), in <paramref name="locale"/>.</summary>
    internal async Task<IPage> SignInAsync(StatusPagesHost host, string user, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new() { Locale = locale, AcceptDownloads = true, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(host.Root, "/login?user=" + user).ToString());
        return page;
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }
}
