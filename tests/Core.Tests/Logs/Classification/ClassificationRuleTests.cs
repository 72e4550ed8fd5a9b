using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Classification;

public sealed class ClassificationRuleTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<List<LogEntry>> Classify(LogScanOptions options, params string[] lines)
    {
        var log = _dir.File($"{Guid.NewGuid():n}.log", string.Join("\n", lines) + "\n");
        var entries = new List<LogEntry>();
        await TestLogs.Scanner(options).ReadEntriesAsync([log], entries.Add);
        return entries;
    }

    [Theory]
    [InlineData("ERROR", LogKind.Error, LogSeverity.Error)]
    [InlineData("ERR", LogKind.Error, LogSeverity.Error)]
    [InlineData("FATAL", LogKind.Error, LogSeverity.Error)]
    [InlineData("E", LogKind.Error, LogSeverity.Error)]
    [InlineData("FAIL", LogKind.Fail, LogSeverity.Error)]
    [InlineData("OFFLINE", LogKind.Offline, LogSeverity.Error)]
    [InlineData("RETRY", LogKind.Retry, LogSeverity.Alert)]
    [InlineData("WARN", LogKind.None, LogSeverity.Alert)]
    [InlineData("warning", LogKind.None, LogSeverity.Alert)]
    [InlineData("INFO", LogKind.None, LogSeverity.Success)]
    public async Task LevelToken_WithoutMatchingRule_GivesDefaultKindAndSeverity(string level, LogKind kind, LogSeverity severity)
    {
        var e = Assert.Single(await Classify(new LogScanOptions(), $"2026-11-20T10:00:00Z [{level}] term=T1 app: something happened"));

        Assert.Equal(kind, e.Kind);
        Assert.Equal(severity, e.Severity);
        Assert.Null(e.Rule);
    }

    [Theory]
    [InlineData("INFO", "iOS says: The Internet connection appears to be offline.", LogKind.Offline, LogSeverity.Alert)]
    [InlineData("WARN", "printer not responding at 10.0.0.7", LogKind.Offline, LogSeverity.Alert)]
    [InlineData("ERROR", "Connection reset by peer", LogKind.Offline, LogSeverity.Error)]
    [InlineData("ERROR", "NO INTERNET", LogKind.Offline, LogSeverity.Error)]
    public async Task NetworkLossMessages_AreOffline_WhateverTheLevel(string level, string message, LogKind kind, LogSeverity severity)
    {
        var e = Assert.Single(await Classify(new LogScanOptions(), $"2026-11-20T10:00:00Z [{level}] term=T1 {message}"));

        Assert.Equal(kind, e.Kind);
        Assert.Equal(severity, e.Severity);
        Assert.NotNull(e.Hint);
        Assert.NotNull(e.KnowledgeBaseUrl);
    }

    [Fact]
    public async Task RulesFile_IsEvaluatedBeforeCodeRulesAndDefaults_FirstMatchWins()
    {
        var file = _dir.File("rules.json", """
            {
              // comments are allowed
              "rules": [
                { "name": "scale-drift", "keywords": ["calibration"], "kind": "fail", "severity": "alert",
                  "hint": "Recalibrate the scale.", "knowledgeBaseUrl": "https://kb.example.com/scale" },
                { "name": "file-first", "keywords": ["no internet"], "kind": "retry" }
              ]
            }
            """);
        var options = new LogScanOptions();
        options.Classification.RulesFile = file;
        options.Classification.Rules.Add(new ClassificationRule { Name = "code", Keywords = ["no internet", "drawer"], Kind = LogKind.Error });

        var entries = await Classify(
            options,
            "2026-11-20T10:00:00Z [INFO] scale: needs calibration now",
            "2026-11-20T10:00:01Z [INFO] sync: no internet",
            "2026-11-20T10:00:02Z [INFO] drawer: drawer stuck");

        Assert.Equal(("scale-drift", LogKind.Fail, LogSeverity.Alert), (entries[0].Rule, entries[0].Kind, entries[0].Severity));
        Assert.Equal(new Uri("https://kb.example.com/scale"), entries[0].KnowledgeBaseUrl);
        Assert.Equal(("file-first", LogKind.Retry), (entries[1].Rule, entries[1].Kind));
        Assert.Equal(("code", LogKind.Error), (entries[2].Rule, entries[2].Kind));
    }

    [Fact]
    public async Task Pattern_RunsOnlyOnKeywordLines_AndMustMatch()
    {
        var options = new LogScanOptions();
        options.Classification.Rules.Add(new ClassificationRule { Name = "tse", Keywords = ["TSE"], Pattern = @"TSE error 0x[0-9A-F]{4}", Kind = LogKind.Error, Hint = "Restart the fiscal module." });

        var entries = await Classify(
            options,
            "2026-11-20T10:00:00Z [INFO] fiscal: TSE error 0x00FF",
            "2026-11-20T10:00:01Z [INFO] fiscal: TSE ready");

        Assert.Equal("tse", entries[0].Rule);
        Assert.Null(entries[1].Rule);
    }

    [Fact]
    public async Task Pattern_CatastrophicForABacktrackingEngine_DoesNotMatch_AndTheScanGoesOn()
    {
        var options = new LogScanOptions();
        options.Classification.Rules.Add(new ClassificationRule { Name = "slow", Keywords = ["aaaa"], Pattern = "^(a+)+$", Kind = LogKind.Error });

        var entries = await Classify(
            options,
            "2026-11-20T10:00:00Z [INFO] x: " + new string('a', 40) + "!",
            "2026-11-20T10:00:01Z [ERROR] x: next line");

        Assert.Null(entries[0].Rule);
        Assert.Equal(LogKind.Error, entries[1].Kind);
    }

    [Theory]
    [InlineData("""{ "rules": [ { "name": "x", "kind": "error" } ] }""", "no condition")]
    [InlineData("""{ "rules": [ { "name": "x", "keywords": ["a"], "kind": "broken" } ] }""", "\"kind\" is 'broken'")]
    [InlineData("""{ "rules": [ { "name": "x", "pattern": "a+", "kind": "error" } ] }""", "needs \"keywords\"")]
    [InlineData("""{ "rules": [ { "name": "x", "keywords": ["a"], "pattern": "(", "kind": "error" } ] }""", "not a valid regular expression")]
    [InlineData("""{ "rules": [ { "keywords": ["a"], "kind": "error" } ] }""", "no name")]
    [InlineData("""{ "rulez": [] }""", "rulez")]
    [InlineData("""{ "rules": [ """, "not valid JSON")]
    public void InvalidRulesFile_FailsAtStartUp_NamingFileRuleAndFix(string json, string expected)
    {
        var file = _dir.File("bad.json", json);
        var services = new ServiceCollection();
        services.AddPosFleet().AddLogs(o => o.Classification.RulesFile = file);
        using var provider = services.BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(provider.ValidatePosFleetOptions);

        Assert.Contains("LogScanOptions.Classification.RulesFile", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.Contains("bad.json", ex.Message, StringComparison.Ordinal);
    }
}
