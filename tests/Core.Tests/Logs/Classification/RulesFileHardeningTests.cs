using System.Text;
using System.Text.Json;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>
/// A vendor's rules file, however large, loads and classifies; every mistake in it is a <see cref="InvalidDataException"/>
/// (the CLI's exit code 4) naming the file, the rule and the fix; a rule's pattern costs linear time.
/// </summary>
public sealed class RulesFileHardeningTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Scan_RulesFileWithFiftyKeywords_ClassifiesInsteadOfFailing()
    {
        // The built-ins take 21 keywords: 50 more went past the former fixed 64 and failed with InvalidOperationException.
        var keywords = Enumerable.Range(1, 50).Select(i => $"fault code {i:00}").ToArray();
        var options = Options(RulesJson(new { name = "fiscal-fault", keywords, kind = "error" }));

        var entries = await Scan(options, "2026-11-20T10:00:00Z [INFO] term=T1 fiscal: Fault code 50 on module 2", "2026-11-20T10:00:01Z [INFO] term=T1 printer offline");

        Assert.Equal("fiscal-fault", entries[0].Rule);
        Assert.Equal("printer-offline", entries[1].Rule);
    }

    [Fact]
    public async Task Scan_RulesFileWithFiveHundredRules_ClassifiesEachLineByItsRule()
    {
        var rules = KeywordPrefilterTests.VendorRules(500).ToList();
        var options = Options(RulesJson([.. rules.Select(r => new { name = r.Name, keywords = r.Keywords, kind = "fail" })]));
        var picked = Enumerable.Range(0, 500).Where(i => i % 11 == 3).ToList();

        var entries = await Scan(options, [.. picked.Select(i => $"2026-11-20T10:00:00Z [INFO] term=T1 dev: got {rules[i].Keywords![i % 4]} twice"), "2026-11-20T10:00:01Z [INFO] term=T1 ticket closed"]);

        Assert.Equal(picked.Select(i => rules[i].Name), entries.Take(picked.Count).Select(e => e.Rule));
        Assert.Null(entries[^1].Rule);
    }

    [Fact]
    public void Classify_CatastrophicPatternOverAThousandLongLines_IsLinearAndNeverTimesOut()
    {
        var classifier = new LogClassifier(ClassificationRuleSet.Resolve(Options(RulesJson(new { name = "aaa", keywords = new[] { "aaaa" }, pattern = "(a+)+$", kind = "error" })).Classification));
        // The keyword stands as a word of its own at the start (keywords match whole words); the pattern then runs on the rest.
        var hostile = Encoding.UTF8.GetBytes("aaaa " + new string('a', 2_000) + "!");
        var matching = Encoding.UTF8.GetBytes("aaaa " + new string('a', 2_000));

        var matched = 0;
        for (var i = 0; i < 1_000; i++)
        {
            var message = i % 100 == 0 ? matching : hostile;
            matched += classifier.Classify(LogKind.None, LogSeverity.Success, "INFO"u8, "x"u8, message, classifier.FindKeywords(message)).RuleIndex == 0 ? 1 : 0;
        }

        Assert.Equal(10, matched);
        Assert.Equal(0, classifier.PatternTimeouts);
    }

    [Fact]
    public void Classify_PatternPastItsTimeLimit_DoesNotMatchAndIsCounted()
    {
        var rule = new ClassificationRule { Name = "slow", Keywords = ["abc"], Pattern = "(abc|ab)*x[0-9]+y", Kind = LogKind.Error };
        var classifier = new LogClassifier([rule], TimeSpan.FromTicks(1));
        var message = Encoding.UTF8.GetBytes("abc " + string.Concat(Enumerable.Repeat("abc", 2_000_000)));

        var c = classifier.Classify(LogKind.None, LogSeverity.Success, "INFO"u8, "x"u8, message, classifier.FindKeywords(message));

        Assert.Equal(-1, c.RuleIndex);
        Assert.Equal(1, classifier.PatternTimeouts);
        Assert.Equal(1, classifier.PatternTimeoutsOf(0));
    }

    [Theory]
    [InlineData(@"(ab)\1", "backreference")]
    [InlineData(@"(?<x>ab)\k<x>", "backreference")]
    [InlineData("error(?= now)", "lookaround")]
    [InlineData("(?<!no )error", "lookaround")]
    [InlineData("(?>error)", "atomic")]
    [InlineData("(?(error)a|b)", "conditional")]
    public void Load_PatternWithUnboundedConstruct_IsRefusedNamingRuleAndConstruct(string pattern, string construct)
    {
        var ex = LoadFails(RulesJson(new { name = "tse", keywords = new[] { "error" }, pattern, kind = "error" }));

        Assert.Contains("('tse')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("construct that rules do not allow", ex.Message, StringComparison.Ordinal);
        Assert.Contains(construct, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Load_TwoRulesWithOneNameInAnyCase_IsRefusedNamingBoth()
    {
        var ex = LoadFails(RulesJson(new { name = "scale-drift", keywords = new[] { "a" } }, new { name = "Scale-Drift", keywords = new[] { "b" } }));

        Assert.Contains("rule 2 ('Scale-Drift')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("already used by", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rule 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_CodeRuleNamedLikeAFileRule_IsRefused()
    {
        var options = Options(RulesJson(new { name = "drawer", keywords = new[] { "a" } }));
        options.Classification.Rules.Add(new ClassificationRule { Name = "DRAWER", Keywords = ["b"] });

        var ex = Assert.Throws<InvalidDataException>(() => ClassificationRuleSet.Resolve(options.Classification));

        Assert.Contains("LogClassificationOptions.Rules[0] ('DRAWER')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("rules.json: rule 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_RuleNamedLikeABuiltInRule_IsRefusedUnlessTheBuiltInsAreOff()
    {
        var options = Options(RulesJson(new { name = "network-lost", keywords = new[] { "wifi gone" }, kind = "offline" }));

        var ex = Assert.Throws<InvalidDataException>(() => ClassificationRuleSet.Resolve(options.Classification));
        options.Classification.IncludeDefaultRules = false;

        Assert.Contains("('network-lost')", ex.Message, StringComparison.Ordinal);
        Assert.Contains("built-in rule", ex.Message, StringComparison.Ordinal);
        Assert.Equal("network-lost", Assert.Single(ClassificationRuleSet.Resolve(options.Classification)).Name);
    }

    [Theory]
    [InlineData("javascript:alert(document.cookie)")]
    [InlineData("JavaScript:alert(1)")]
    [InlineData("data:text/html,<script>alert(1)</script>")]
    [InlineData("/kb/printer-offline")]
    [InlineData("kb/printer-offline")]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://kb.example.com/a")]
    [InlineData("mailto:")]
    public void Load_KnowledgeBaseUrlNotHttpHttpsOrMailto_IsRefusedNamingRuleAndUrl(string url)
    {
        var ex = LoadFails(RulesJson(new { name = "paper", keywords = new[] { "paper" }, knowledgeBaseUrl = url }));

        Assert.Contains("('paper')", ex.Message, StringComparison.Ordinal);
        Assert.Contains($"'{url}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("http, https or mailto", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://kb.example.com/paper?lang=fr#steps")]
    [InlineData("http://intranet/kb/paper")]
    [InlineData("mailto:support@example.com")]
    public void Load_KnowledgeBaseUrlHttpHttpsOrMailto_IsKept(string url)
    {
        var rule = Assert.Single(ClassificationRuleSet.Load(_dir.File("rules.json", RulesJson(new { name = "paper", keywords = new[] { "paper" }, knowledgeBaseUrl = url }))));

        Assert.Equal(new Uri(url), rule.KnowledgeBaseUrl);
    }

    [Fact]
    public void Resolve_CodeRuleWithJavascriptUrl_IsRefused()
    {
        var options = new LogScanOptions();
        options.Classification.Rules.Add(new ClassificationRule { Name = "x", Keywords = ["x"], KnowledgeBaseUrl = new Uri("javascript:alert(1)") });

        var ex = Assert.Throws<InvalidDataException>(() => ClassificationRuleSet.Resolve(options.Classification));

        Assert.Contains("LogClassificationOptions.Rules[0] ('x')", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "rules": [ null ] }""", "rule 1 is null")]
    [InlineData("""{ "rules": [ { "name": "x", "keywords": [] } ] }""", "\"keywords\" is empty")]
    [InlineData("""{ "rules": [ { "name": "x", "keywords": [""] } ] }""", "empty keyword")]
    [InlineData("""{ "rules": [ { "name": "x", "keywords": "paper" } ] }""", "not valid JSON")]
    [InlineData("""{ "rules": [ { "name": "x\u001b]0;pwned\u0007", "keywords": ["a"] } ] }""", "control characters")]
    [InlineData("""{ "rules": [ { "name": "paper\u202eout", "keywords": ["a"] } ] }""", "'paper\\u202eout' contains control characters or bidirectional")]
    [InlineData("""{ "rules": [ { "name": "paper\u009bout", "keywords": ["a"] } ] }""", "'paper\\u009bout' contains control characters")]
    [InlineData("""{ "rules": [ { "name": "\tt", "keywords": ["t"], "kind": "retry" } ] }""", "'\\u0009t' contains control characters")]
    [InlineData("""{ "rules": [ { "name": "x", "keywords": ["a"], "kind": "fatal" } ] }""", "rule 1 ('x'): \"kind\" is 'fatal'")]
    public void Load_OtherMistakes_AreOneExceptionNamingFileRuleAndFix(string json, string expected)
    {
        var ex = LoadFails(json);

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("\u001b", ex.Message, StringComparison.Ordinal);
    }

    private InvalidDataException LoadFails(string json)
    {
        var path = _dir.File("rules.json", json);
        var ex = Assert.Throws<InvalidDataException>(() => ClassificationRuleSet.Resolve(Options(json).Classification));
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        return ex;
    }

    private LogScanOptions Options(string json)
    {
        var options = new LogScanOptions();
        options.Classification.RulesFile = _dir.File("rules.json", json);
        return options;
    }

    private static string RulesJson(params object[] rules) => JsonSerializer.Serialize(new { rules });

    private async Task<List<LogEntry>> Scan(LogScanOptions options, params string[] lines)
    {
        var log = _dir.File($"{Guid.NewGuid():n}.log", string.Join("\n", lines) + "\n");
        var entries = new List<LogEntry>();
        await TestLogs.Scanner(options).ReadEntriesAsync([log], entries.Add);
        return entries;
    }
}
