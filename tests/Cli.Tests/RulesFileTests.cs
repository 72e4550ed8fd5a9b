using System.Text.Json;
using PosFleet.Tests;

namespace PosFleet.Cli.Tests;

/// <summary>
/// A vendor's rules file through the real tool: a large one is used, a wrong one ends with exit code 4 (invalid
/// configuration) and the rule's name on stderr, before anything is read or written.
/// </summary>
public sealed class RulesFileTests : IDisposable
{
    private const string Log = """
        2026-11-20T09:00:00.000Z [INFO] term=POS-2 org=ACME scale: SCALE-0499 drift detected
        2026-11-20T10:00:00.000Z [INFO] term=POS-3 org=BETA tickets: ticket closed ref=T-300

        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Scan_FiveHundredRulesOfFourKeywords_ClassifiesByTheVendorsRule()
    {
        var rules = Enumerable.Range(0, 500).Select(i => new
        {
            name = $"vendor-{i:000}",
            keywords = new[] { $"SCALE-{i:0000} drift", $"E{4000 + i}", $"drawer {i:000} jammed", $"vx{i:000}q" },
            kind = "fail",
            hint = $"Recalibrate the scale (rule {i}).",
        });

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", _dir.File("a.log", Log), "--rules", RulesFile(rules.ToArray()), "--json");

        Assert.True(code == 0, stderr);
        Assert.Contains("Recalibrate the scale (rule 499).", stdout, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> WrongRules => new()
    {
        { """{ "rules": [ { "name": "drift", "keywords": ["a"] }, { "name": "DRIFT", "keywords": ["b"] } ] }""", "'DRIFT'" },
        { """{ "rules": [ { "name": "paper", "keywords": ["paper"], "knowledgeBaseUrl": "javascript:alert(1)" } ] }""", "'paper'" },
        { """{ "rules": [ { "name": "tse", "keywords": ["tse"], "pattern": "(tse)\\1" } ] }""", "'tse'" },
        { """{ "rules": [ { "name": "network-lost", "keywords": ["wifi"] } ] }""", "'network-lost'" },
    };

    [Theory]
    [MemberData(nameof(WrongRules))]
    public async Task Scan_WrongRule_ExitsWithInvalidConfigurationNamingTheRule(string json, string rule)
    {
        var (code, _, stderr) = await PosFleetProcess.RunAsync("scan", _dir.File("a.log", Log), "--rules", _dir.File("rules.json", json));

        Assert.Equal(4, code);
        Assert.Contains(rule, stderr, StringComparison.Ordinal);
        Assert.Contains("rules.json", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_RuleNameWithEscapeSequence_ExitsWithInvalidConfigurationShowingItEscaped()
    {
        var rules = _dir.File("rules.json", """{ "rules": [ { "name": "paper\u001b]0;pwned\u0007", "keywords": ["paper"] } ] }""");

        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", _dir.File("a.log", Log), "--rules", rules);

        Assert.Equal(4, code);
        Assert.Contains(@"'paper\u001b]0;pwned\u0007' contains control characters", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(stdout + stderr, c => c is '\u001b' or '\u0007');
    }

    [Fact]
    public async Task Ingest_DuplicateRuleNames_ExitsWithInvalidConfiguration_AndCreatesNoStore()
    {
        var rules = _dir.File("rules.json", """{ "rules": [ { "name": "drift", "keywords": ["a"] }, { "name": "drift", "keywords": ["b"] } ] }""");
        var db = Path.Combine(_dir.Path, "fleet.db");

        var (code, _, stderr) = await PosFleetProcess.RunAsync("ingest", _dir.File("a.log", Log), "--store", db, "--rules", rules);

        Assert.Equal(4, code);
        Assert.Contains("'drift'", stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(db));
    }

    private string RulesFile(object[] rules) => _dir.File("rules.json", JsonSerializer.Serialize(new { rules }));
}
