using PosFleet.Digests;
using PosFleet.Digests.Rendering;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Digests;

public sealed class DigestRendererTests
{
    private static readonly DigestWindow Window = DigestFixture.DailyWindow(2026, 11, 23);
    private static readonly Uri Kb = new("https://kb.example.com/printers/offline");

    private static async Task<RenderedDigest> RenderAsync(InMemoryLogStore logs, DigestSubscription s, int maxGroups = 20, int maxTerminals = 20)
    {
        var builder = new DigestContentBuilder(logs, new DigestOptions { MaxGroups = maxGroups, MaxTerminals = maxTerminals });
        var count = await builder.CountAsync(s, Window, default);
        var digest = DigestRenderer.Render(await builder.BuildAsync(s, Window, count, isTest: false, default));

        // ICU puts a narrow no-break space before AM/PM; the assertions are easier to read with plain spaces.
        return digest with { Subject = digest.Subject.Replace('\u202F', ' '), Text = digest.Text.Replace('\u202F', ' ') };
    }

    private static InMemoryLogStore SampleLogs()
    {
        var logs = new InMemoryLogStore();
        logs.AddMany(6, Window.Start.AddHours(1), TimeSpan.FromMinutes(10), LogKind.Offline, "till-01", "Printer KITCHEN is offline", hint: "Check the printer's network cable and power.", kb: Kb);
        logs.AddMany(3, Window.Start.AddHours(2), TimeSpan.FromMinutes(10), LogKind.Offline, "till-02", "Printer KITCHEN is offline", hint: "Check the printer's network cable and power.", kb: Kb);
        logs.AddMany(2, Window.Start.AddHours(3), TimeSpan.FromMinutes(10), LogKind.Retry, "till-02", "Retrying save of ticket 42");
        logs.Add(Window.Start.AddHours(4), LogKind.Error, "till-03", "Sync failed: timeout");
        return logs;
    }

    [Fact]
    public async Task Render_ErrorsOfOneMessage_AreGroupedWithCountsSeenTimesTerminalsExampleAndHint()
    {
        var digest = await RenderAsync(SampleLogs(), DigestFixture.Subscription());

        Assert.Equal("Shop 12 follow-up: 12 errors from 11/22/2026 8:00 AM to 11/23/2026 8:00 AM", digest.Subject);
        Assert.Contains("Errors 1 · Offline 9 · Retries 2", digest.Text);
        Assert.Contains("OFFLINE (9)\n-----------\n2. Printer KITCHEN is offline — 9 times", digest.Text.ReplaceLineEndings("\n"));
        Assert.Contains("First seen: 11/22/2026 9:00 AM · Last seen: 11/22/2026 10:20 AM", digest.Text);
        Assert.Contains("Terminals (2): till-01, till-02", digest.Text);
        Assert.Contains("Example: 11/22/2026 10:20 AM till-02: Printer KITCHEN is offline", digest.Text);
        Assert.Contains("What to do: Check the printer's network cable and power.", digest.Text);
        Assert.Contains("Knowledge base: " + Kb, digest.Text);
        Assert.Contains("till-02       5  Offline 3, Retries 2", digest.Text);
        Assert.Contains("<tr class=\"group\" data-count=\"9\">", digest.Html);
        Assert.Contains($"<a href=\"{Kb}\"", digest.Html);
        Assert.Contains("Check the printer&#39;s network cable", digest.Html);
    }

    [Fact]
    public async Task Render_MoreGroupsThanTheCap_ListsTheFirstAndSaysHowManyMore()
    {
        var digest = await RenderAsync(SampleLogs(), DigestFixture.Subscription(), maxGroups: 1, maxTerminals: 2);

        Assert.Contains("Printer KITCHEN is offline", digest.Text);
        Assert.DoesNotContain("Retrying save", digest.Text);
        Assert.Contains("… and 3 more errors of other messages.", digest.Text);

        // The terminals with most errors first, each counted exactly, unlisted messages included.
        Assert.Contains("Terminal  Total\ntill-01       6  Offline 6\ntill-02       5  Offline 3, Retries 2\n", digest.Text.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("till-03 ", digest.Text);
        Assert.Contains("… and 1 more terminal.", digest.Text);
        Assert.Contains("… and 3 more errors", digest.Html);
        Assert.Contains("… and 1 more terminal.", digest.Html);
    }

    [Theory]
    [InlineData("es-ES", "Shop 12 follow-up: 12 errores del 22/11/2026 8:00 al 23/11/2026 8:00", "Qué hacer")]
    [InlineData("fr-FR", "Shop 12 follow-up : 12 erreurs du 22/11/2026 08:00 au 23/11/2026 08:00", "Que faire")]
    [InlineData("it", "Shop 12 follow-up: 12 errori dal 22/11/2026 08:00 al 23/11/2026 08:00", "Cosa fare")]
    public async Task Render_InTheSubscriptionsCulture_UsesItsWordsAndDatesInItsTimeZone(string culture, string subject, string hint)
    {
        var digest = await RenderAsync(SampleLogs(), DigestFixture.Subscription(culture: culture));

        Assert.Equal(subject, digest.Subject);
        Assert.Contains(hint, digest.Text);
    }

    [Theory]
    [InlineData("en", "Shop 12 follow-up: 1 error from", "once")]
    [InlineData("es", "Shop 12 follow-up: 1 error del", "1 vez")]
    [InlineData("fr", "Shop 12 follow-up : 1 erreur du", "1 fois")]
    [InlineData("it", "Shop 12 follow-up: 1 errore dal", "una volta")]
    public async Task Render_OneError_IsSingular(string culture, string subject, string times)
    {
        var logs = new InMemoryLogStore().Add(Window.Start.AddHours(1), LogKind.Error, "till-01", "Sync failed");

        var digest = await RenderAsync(logs, DigestFixture.Subscription(culture: culture));

        Assert.StartsWith(subject, digest.Subject);
        Assert.Contains("Sync failed — " + times, digest.Text);
    }

    [Fact]
    public async Task Render_AnotherTimeZone_ShowsTheSameInstantsInIt()
    {
        var digest = await RenderAsync(SampleLogs(), DigestFixture.Subscription() with { TimeZone = "America/New_York" });

        Assert.Contains("from 11/22/2026 2:00 AM to 11/23/2026 2:00 AM", digest.Subject);
    }
}
