using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>
/// A rule's pattern that runs past <see cref="LogClassificationOptions.PatternTimeout"/> on a line is reported, not hidden:
/// counted per rule in the scan and ingest summaries, and a warning naming the rule. The pattern is one that linear
/// matching still makes slow (a counted repetition of 1,000 alternatives: the engine tracks a thousand states per
/// character), over lines of 60 KB without a match: hundreds of milliseconds each; the limit is one tick, which the engine
/// rounds up to 1 ms. A margin of hundreds, not a race.
/// </summary>
public sealed class PatternTimeoutTests : IDisposable
{
    private static readonly ClassificationRule Slow = new() { Name = "slow-abc", Keywords = ["abc"], Pattern = "abc.*(a|b)*a(a|b){1000}x", Kind = LogKind.Error };
    private static readonly ClassificationRule Ordinary = new() { Name = "ticket-abc", Keywords = ["abc"], Pattern = "abc x[0-9]+y", Kind = LogKind.Error };
    private static readonly ClassificationRule Plain = new() { Name = "drawer-jam", Keywords = ["drawer"], Kind = LogKind.Fail };
    private static readonly string Slow60K = "abc " + string.Concat(Enumerable.Repeat("ab", 30_000));

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Two lines the rule's keyword selects, between them one it does not.</summary>
    private string Log(string message) => _dir.File("till.log", string.Concat(
        $"2026-11-20T10:00:00.000Z [INFO] term=POS-1 tickets: {message}\n",
        "2026-11-20T10:00:01.000Z [INFO] term=POS-1 drawer: drawer stuck\n",
        $"2026-11-20T10:00:02.000Z [INFO] term=POS-2 tickets: {message}\n"));

    private static LogScanOptions Options(TimeSpan patternTimeout, ClassificationRule? rule = null)
    {
        var options = new LogScanOptions();
        options.Classification.Rules.Add(rule ?? Slow);
        options.Classification.Rules.Add(Plain);
        options.Classification.PatternTimeout = patternTimeout;
        return options;
    }

    [Fact]
    public async Task ScanAsync_RulePatternPastItsTimeLimit_CountsLinesPerRuleAndWarnsNamingTheRule()
    {
        var logger = new FakeLogger<LogScanner>();
        var scanner = TestLogs.Scanner(Options(TimeSpan.FromTicks(1)), logger: logger);

        var summary = await scanner.ScanAsync([Log(Slow60K)]);

        Assert.Equal(new Dictionary<string, long> { ["slow-abc"] = 2 }, summary.PatternTimeouts);
        Assert.Equal(1, summary.Kinds[LogKind.Fail]);
        var warning = Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
        Assert.Equal("Rule slow-abc: its pattern ran past its time limit (00:00:00.0000001) on 2 line(s), which were not matched by that rule.", warning.Message);
    }

    [Fact]
    public async Task ScanAsync_DefaultTimeLimitOnOrdinaryLines_MatchesAndReportsNoTimeout()
    {
        var logger = new FakeLogger<LogScanner>();
        var scanner = TestLogs.Scanner(Options(LogClassifier.DefaultPatternTimeout, Ordinary), logger: logger);

        var summary = await scanner.ScanAsync([Log("ticket abc x42y saved")]);

        Assert.Empty(summary.PatternTimeouts);
        Assert.Equal(2, summary.Kinds[LogKind.Error]);
        Assert.DoesNotContain(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning);
    }

    [Fact]
    public async Task IngestAsync_RulePatternPastItsTimeLimit_CountsLinesPerRuleAndWarnsNamingTheRule()
    {
        var logger = new FakeLogger<LogIngester>();
        var store = new InMemoryLogStore();
        var ingester = TestLogs.Ingester(store, Options(TimeSpan.FromTicks(1)), logger: logger);

        var summary = await ingester.IngestAsync([Log(Slow60K)]);

        Assert.Equal(new Dictionary<string, long> { ["slow-abc"] = 2 }, summary.PatternTimeouts);
        Assert.Equal(3, summary.NewEntries); // stored, without that rule's classification
        Assert.Contains(
            logger.Collector.GetSnapshot(),
            r => r.Level == LogLevel.Warning && r.Message == "Rule slow-abc: its pattern ran past its time limit (00:00:00.0000001) on 2 line(s), stored without that rule's classification.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Validate_PatternTimeoutNotAboveZero_IsRefusedNamingTheOption(int ticks)
    {
        var result = LogScanOptionsValidator.Instance.Validate(null, Options(TimeSpan.FromTicks(ticks)));

        Assert.True(result.Failed);
        Assert.Contains("LogScanOptions.Classification.PatternTimeout", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PatternTimeoutOfThirtyDays_IsRefusedNamingTheLimitInsteadOfFailingInTheRegex()
    {
        var result = LogScanOptionsValidator.Instance.Validate(null, Options(TimeSpan.FromDays(30)));

        Assert.True(result.Failed);
        Assert.Contains("at most 24 days", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(LogScanOptionsValidator.Instance.Validate(null, Options(TimeSpan.FromDays(24))).Succeeded);
    }
}
