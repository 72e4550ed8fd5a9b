using System.Text.Json;

namespace PosFleet.Cli.Tests.Scan;

/// <summary>
/// <c>scan</c> and <c>ingest</c> say which rule's pattern ran past its time limit, on how many lines: a warning on standard
/// error, and <c>patternTimeouts</c> in <c>scan --json</c>. <c>--pattern-timeout 0.0000001s</c> (one tick) times out at the
/// engine's first look at the clock, on any machine.
/// </summary>
public sealed class PatternTimeoutCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Rules() => _dir.File("rules.json", """{ "rules": [ { "name": "slow-abc", "keywords": ["abc"], "pattern": "(abc|ab)*x[0-9]+y", "kind": "error" } ] }""");

    /// <summary>Two lines of 20,000 × "abc" (60 KB, under the 64 KiB line limit of scan and ingest) and one the rule does not select.</summary>
    private string Log() => _dir.File("till.log", string.Concat(
        $"2026-11-20T10:00:00.000Z [INFO] term=POS-1 tickets: {string.Concat(Enumerable.Repeat("abc", 20_000))}x1y\n",
        "2026-11-20T10:00:01.000Z [INFO] term=POS-1 tickets: ticket closed\n",
        $"2026-11-20T10:00:02.000Z [INFO] term=POS-2 tickets: {string.Concat(Enumerable.Repeat("abc", 20_000))}x2y\n"));

    [Fact]
    public async Task ScanJson_PatternPastItsTimeLimit_ListsTheRuleWithItsLinesAndWarns()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", Log(), "--rules", Rules(), "--pattern-timeout", "0.0000001s", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(2, json.RootElement.GetProperty("patternTimeouts").GetProperty("slow-abc").GetInt64());
        Assert.Equal(0, json.RootElement.GetProperty("kinds").GetProperty("error").GetInt64());
        Assert.Contains("posfleet: warning: rule 'slow-abc': its pattern ran past its time limit on 2 line(s), which were not matched by that rule.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_DefaultTimeLimit_MatchesWithoutWarningAndAnEmptyList()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", Log(), "--rules", Rules(), "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Empty(json.RootElement.GetProperty("patternTimeouts").EnumerateObject());
        Assert.Equal(2, json.RootElement.GetProperty("kinds").GetProperty("error").GetInt64());
        Assert.DoesNotContain("time limit", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_PatternPastItsTimeLimit_WarnsNamingTheRule()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("ingest", Log(), "--store", Path.Combine(_dir.Path, "fleet.db"), "--rules", Rules(), "--pattern-timeout", "0.0000001s");

        Assert.True(code == 0, stderr);
        Assert.Contains("3 new entries stored", stdout, StringComparison.Ordinal);
        Assert.Contains("posfleet: warning: rule 'slow-abc': its pattern ran past its time limit on 2 line(s), stored without that rule's classification.", stderr, StringComparison.Ordinal);
    }
}
