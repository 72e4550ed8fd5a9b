using Microsoft.Playwright;

namespace PosFleet.AspNetCore.Tests.BackOffice.Pages;

/// <summary>Saves a page's screenshot under <c>$POSFLEET_SCREENSHOTS</c> when it is set (how docs/screenshots/ is refreshed); otherwise nothing.</summary>
internal static class Screenshots
{
    public static async Task SaveAsync(IPage page, string name)
    {
        if (Environment.GetEnvironmentVariable("POSFLEET_SCREENSHOTS") is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
            await page.ScreenshotAsync(new() { Path = Path.Combine(directory, name + ".png"), FullPage = true });
        }
    }
}
