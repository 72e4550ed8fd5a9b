using PosFleet.Digests;
using PosFleet.Digests.Rendering;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Digests;

/// <summary>A digest shows each group's hint and knowledge-base link as its rule in the host's catalog gives them, in the subscription's language.</summary>
public sealed class DigestHintTranslationTests
{
    private const string StoredHint = "Check the printer's network cable and power.";
    private static readonly DigestWindow Window = DigestFixture.DailyWindow(2026, 11, 23);

    private static ClassificationRule OfflineRule(string hint, Uri? link = null) => new()
    {
        Name = "rule-Offline",
        Keywords = ["offline"],
        Kind = LogKind.Offline,
        Hint = hint,
        LocalizedHints = new Dictionary<string, string> { ["es"] = "Revise el cable de red y la alimentación de la impresora." },
        KnowledgeBaseUrl = link,
    };

    private static Task<string> RenderTextAsync(string culture, params ClassificationRule[] rules) => RenderTextAsync(culture, new ClassificationRuleCatalog(rules));

    private static async Task<string> RenderTextAsync(string culture, IClassificationRuleCatalog rules)
    {
        var logs = new InMemoryLogStore().AddMany(3, Window.Start.AddHours(1), TimeSpan.FromMinutes(5), LogKind.Offline, "till-01", "Printer KITCHEN is offline", hint: StoredHint);
        var builder = new DigestContentBuilder(logs, new DigestOptions(), rules);
        var s = DigestFixture.Subscription(culture: culture);
        var count = await builder.CountAsync(s, Window, default);
        return DigestRenderer.Render(await builder.BuildAsync(s, Window, count, isTest: false, default)).Text;
    }

    [Fact]
    public async Task Build_RuleWithTranslation_ShowsTheHintInTheSubscriptionsCulture()
    {
        var text = await RenderTextAsync("es-ES", OfflineRule(StoredHint));

        Assert.Contains("Qué hacer: Revise el cable de red y la alimentación de la impresora.", text);
        Assert.DoesNotContain(StoredHint, text);
    }

    [Fact]
    public async Task Build_CultureWithoutTranslation_ShowsTheRulesHint()
    {
        var text = await RenderTextAsync("it-IT", OfflineRule(StoredHint));

        Assert.Contains("Cosa fare: " + StoredHint, text);
    }

    [Fact]
    public async Task Build_RuleWhoseHintChangedSinceTheEntriesWereStored_ShowsTheRulesHintNow()
    {
        var text = await RenderTextAsync("en", OfflineRule("Restart the printer."));

        Assert.Contains("What to do: Restart the printer.", text);
        Assert.DoesNotContain(StoredHint, text);
    }

    [Fact]
    public async Task Build_RuleWithAKnowledgeBaseLink_ShowsTheRulesLink()
    {
        var text = await RenderTextAsync("en", OfflineRule(StoredHint, new Uri("https://kb.example.com/printers/offline")));

        Assert.Contains("https://kb.example.com/printers/offline", text);
    }

    [Fact]
    public async Task Build_RuleNotInTheCatalog_ShowsTheStoredHint()
    {
        var text = await RenderTextAsync("es-ES");

        Assert.Contains("Qué hacer: " + StoredHint, text);
    }
}
