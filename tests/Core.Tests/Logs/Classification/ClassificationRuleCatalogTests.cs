using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>The host's rule catalog: the scanner's classification options (rules file, code rules, built-ins), resolved once and looked up by rule name.</summary>
public sealed class ClassificationRuleCatalogTests : IDisposable
{
    private readonly string _rulesFile = Path.Combine(Path.GetTempPath(), $"posfleet-rules-{Guid.NewGuid():n}.json");

    public void Dispose() => File.Delete(_rulesFile);

    private static ClassificationRule CodeRule(string name, string hint) => new() { Name = name, Keywords = ["drawer"], Kind = LogKind.Fail, Hint = hint };

    [Fact]
    public void AddPosFleet_RulesFileCodeRulesAndBuiltIns_CatalogHoldsThemInEvaluationOrder()
    {
        File.WriteAllText(_rulesFile, """{ "rules": [ { "name": "scale-drift", "keywords": ["calibration"], "kind": "fail", "hint": "Recalibrate.", "knowledgeBaseUrl": "https://kb.example.com/scale" } ] }""");
        var services = new ServiceCollection();
        services.AddPosFleet();
        services.Configure<LogScanOptions>(o =>
        {
            o.Classification.RulesFile = _rulesFile;
            o.Classification.Rules.Add(CodeRule("drawer-stuck", "Open the drawer by hand."));
        });
        using var provider = services.BuildServiceProvider();

        var catalog = provider.GetRequiredService<IClassificationRuleCatalog>();

        Assert.Equal(["scale-drift", "drawer-stuck"], catalog.Rules.Take(2).Select(r => r.Name));
        Assert.Equal(DefaultClassificationRules.All, catalog.Rules.Skip(2));
        Assert.Equal(new Uri("https://kb.example.com/scale"), catalog.FindRule("scale-drift")!.KnowledgeBaseUrl);
        Assert.Equal("Open the drawer by hand.", catalog.FindRule("drawer-stuck")!.Hint);
        Assert.Same(catalog, provider.GetRequiredService<IClassificationRuleCatalog>());
    }

    [Fact]
    public void FindRule_TwoRulesOfOneName_IsTheOneEvaluatedFirst()
    {
        var catalog = new ClassificationRuleCatalog([CodeRule("drawer", "first"), CodeRule("drawer", "second")]);

        Assert.Equal("first", catalog.FindRule("drawer")!.Hint);
        Assert.Null(catalog.FindRule("Drawer"));
    }

    [Fact]
    public void Resolve_UnreadableRulesFile_FailsAsTheScannerDoesNamingTheFile()
    {
        var services = new ServiceCollection();
        services.AddPosFleet();
        services.Configure<LogScanOptions>(o => o.Classification.RulesFile = _rulesFile);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() => provider.GetRequiredService<IClassificationRuleCatalog>());

        Assert.Contains(_rulesFile, error.Message);
    }
}
