using System.Globalization;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Classification;

public sealed class ClassificationRuleHintTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("es", "Cargue un rollo")]
    [InlineData("es-ES", "Cargue un rollo")]
    [InlineData("fr", "Chargez un nouveau rouleau")]
    [InlineData("fr-CA", "Chargez un nouveau rouleau")]
    [InlineData("it-IT", "Inserire un nuovo rotolo")]
    [InlineData("en", "Load a new paper roll")]
    [InlineData("de", "Load a new paper roll")]
    public void HintFor_BuiltInRule_GivesTheCulturesTranslationOrEnglish(string culture, string expectedStart)
    {
        var rule = DefaultClassificationRules.All.Single(r => r.Name == "printer-paper-out");

        Assert.StartsWith(expectedStart, rule.HintFor(CultureInfo.GetCultureInfo(culture)), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultRules_EveryHint_IsTranslatedIntoTheSeedsLanguages()
    {
        foreach (var rule in DefaultClassificationRules.All)
        {
            foreach (var culture in new[] { "es", "fr", "it" })
            {
                var hint = rule.HintFor(CultureInfo.GetCultureInfo(culture));
                Assert.False(string.IsNullOrWhiteSpace(hint));
                Assert.NotEqual(rule.Hint, hint);
            }
        }
    }

    [Fact]
    public void HintFor_RuleWithoutHint_IsNull()
    {
        var rule = new ClassificationRule { Name = "x", Keywords = ["x"], LocalizedHints = new Dictionary<string, string> { ["es"] = "y" } };

        Assert.Null(rule.HintFor(CultureInfo.GetCultureInfo("es")));
    }

    [Fact]
    public void Load_HintsInJson_AreReadWhateverTheCaseOfTheCultureName()
    {
        var path = _dir.File("rules.json", """
            { "rules": [ { "name": "drawer", "keywords": ["drawer jammed"], "kind": "fail",
              "hint": "Open the drawer by hand.", "hints": { "ES": "Abra el cajón a mano.", "fr-ca": "Ouvrez le tiroir à la main." } } ] }
            """);

        var rule = Assert.Single(ClassificationRuleSet.Load(path));

        Assert.Equal("Abra el cajón a mano.", rule.HintFor(CultureInfo.GetCultureInfo("es-MX")));
        Assert.Equal("Ouvrez le tiroir à la main.", rule.HintFor(CultureInfo.GetCultureInfo("fr-CA")));
        Assert.Equal("Open the drawer by hand.", rule.HintFor(CultureInfo.GetCultureInfo("fr-FR")));
    }

    [Theory]
    [InlineData("""{ "xx-notaculture": "a" }""", "not a culture name")]
    [InlineData("""{ "es": " " }""", "'es' hint is empty")]
    public void Load_BadHints_FailWithTheRuleAndTheFix(string hints, string expected)
    {
        var path = _dir.File("rules.json", $$"""
            { "rules": [ { "name": "drawer", "keywords": ["drawer jammed"], "hint": "Open it.", "hints": {{hints}} } ] }
            """);

        var ex = Assert.Throws<InvalidDataException>(() => ClassificationRuleSet.Load(path));

        Assert.Contains("'drawer'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_HintsWithoutHint_FailsAskingForTheDefaultHint()
    {
        var path = _dir.File("rules.json", """
            { "rules": [ { "name": "drawer", "keywords": ["drawer jammed"], "hints": { "es": "Ábralo." } } ] }
            """);

        var ex = Assert.Throws<InvalidDataException>(() => ClassificationRuleSet.Load(path));

        Assert.Contains("\"hint\"", ex.Message, StringComparison.Ordinal);
    }
}
