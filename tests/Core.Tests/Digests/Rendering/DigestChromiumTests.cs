using System.Text.RegularExpressions;
using PosFleet.Logs;

namespace PosFleet.Tests.Digests.Rendering;

/// <summary>The HTML digest as a phone's browser draws it: headless Chromium at 412 CSS pixels wide.</summary>
public sealed partial class DigestChromiumTests : IDisposable
{
    private const int PhoneWidth = 412;
    private const int PhoneHeight = 2400;
    private const int PageBackground = 0xf3f4f6;
    private const int HeadlineBackground = 0x111827;
    private const int ErrorRed = 0xdc2626;
    private const int OfflinePurple = 0x7c3aed;

    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("posfleet-digest-html-");

    public void Dispose() => _dir.Delete(recursive: true);

    private async Task<string> DemoDigestFileAsync(bool isTest = false)
    {
        var fleet = DigestFleet.Demo().Spread(LogKind.Offline, "card reader <*> disconnected", 384, "card reader COM3 disconnected");
        var digest = await fleet.RenderAsync(isTest: isTest, maxGroups: 8, maxTerminals: 5);
        var file = Path.Combine(_dir.FullName, "digest.html");
        await File.WriteAllTextAsync(file, digest.Html);

        // To refresh docs/digest-phone.png, set this to a folder: the rendered page is kept there.
        if (Environment.GetEnvironmentVariable("POSFLEET_DIGEST_HTML_OUT") is { Length: > 0 } keep)
        {
            File.Copy(file, Path.Combine(keep, isTest ? "digest-test.html" : "digest.html"), overwrite: true);
        }

        return file;
    }

    [Fact]
    public async Task Screenshot_AtAPhonesWidth_IsARealPngDrawnWithTheDigestsColoursAndNothingWiderThanTheScreen()
    {
        var file = await DemoDigestFileAsync();

        var png = PngImage.Read(await HeadlessChromium.ScreenshotAsync(file, PhoneWidth, PhoneHeight));

        Assert.Equal(PhoneWidth, png.Width);
        Assert.Equal(PhoneHeight, png.Height);
        Assert.True(png.DistinctColours >= 16, $"The screenshot has {png.DistinctColours} colours; a drawn digest has text, tiles and borders.");

        // The inline styles were applied: the dark headline, a red Error and a purple Offline border are on screen.
        Assert.True(png.Contains(HeadlineBackground), "The headline's background is not on the screenshot.");
        Assert.True(png.Contains(ErrorRed), "The Error table's colour is not on the screenshot.");
        Assert.True(png.Contains(OfflinePurple), "The Offline table's colour is not on the screenshot.");

        // Nothing overflows a phone: the page's 8px gutter on the right is page background from top to bottom.
        var overflow = Enumerable.Range(0, png.Height).FirstOrDefault(y => png[PhoneWidth - 3, y] != PageBackground, -1);
        Assert.True(overflow < 0, $"Something is drawn in the right gutter at y={overflow}: the digest is wider than {PhoneWidth}px.");

        // The headline is at the top: its dark band starts within the first 24 pixels.
        Assert.Contains(Enumerable.Range(0, 24), y => png[PhoneWidth / 2, y] == HeadlineBackground);
    }

    [Fact]
    public async Task DumpDom_DemoFleet_HasTheHeadlineOneTablePerKindPresentAndBoundedTerminalNames()
    {
        var file = await DemoDigestFileAsync();

        var dom = await HeadlessChromium.DumpDomAsync(file);

        Assert.Contains("<title>Shop 12 follow-up: 1,645 errors from 11/22/2026 8:00", dom);
        Assert.Matches(@"class=""count""[^>]*>1,645 <span[^>]*>errors</span>", dom);
        Assert.Contains("11/22/2026 8:00\u202FAM – 11/23/2026 8:00\u202FAM (Europe/Madrid)", dom);
        Assert.Contains("Threshold: 5", dom);
        Assert.Equal(["Error", "Fail", "Offline", "Retry"], KindTables().Matches(dom).Select(m => m.Groups[1].Value));

        // The 384-terminal message: its row, inside the Offline table, names its three busiest and counts the rest.
        var offline = dom[dom.IndexOf("class=\"kind\" data-kind=\"Offline\"", StringComparison.Ordinal)..];
        var row = offline.Split("<tr class=\"group\"").First(r => r.Contains("card reader", StringComparison.Ordinal));
        Assert.Contains("384 terminals", row);
        Assert.Contains("POS-0384, POS-0383, POS-0382 and 381 more", row);
        Assert.DoesNotContain("POS-0381", row);
        Assert.DoesNotContain("POS-0381", dom);
        Assert.Contains("…", dom[dom.IndexOf("class=\"unlisted-terminals\"", StringComparison.Ordinal)..]);
    }

    [Fact]
    public async Task Screenshot_TestMode_ShowsTheTestBadgeInTheHeadline()
    {
        var file = await DemoDigestFileAsync(isTest: true);

        var dom = await HeadlessChromium.DumpDomAsync(file);
        var png = PngImage.Read(await HeadlessChromium.ScreenshotAsync(file, PhoneWidth, 600));

        Assert.Matches(@"class=""test-badge""[^>]*>TEST</span>", dom);
        Assert.Contains("class=\"test-notice\"", dom);
        Assert.True(png.Contains(0xf59e0b), "The amber TEST badge is not on the screenshot.");
    }

    [GeneratedRegex(@"<table[^>]*class=""kind"" data-kind=""(\w+)""")]
    private static partial Regex KindTables();
}
