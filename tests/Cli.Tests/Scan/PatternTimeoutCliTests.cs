using System.Text.Json;

namespace PosFleet.Cli.Tests.Scan;

/// <summary>
/// <c>scan</c> and <c>ingest</c> say which rule's pattern ran past its time limit, on how many lines: a warning on standard
/// error, and <c>patternTimeouts</c> in <c>scan --json</c>. The pattern is one that linear matching still makes slow (a
/// counted repetition of 1,000 alternatives) over 60 KB lines without a match, hundreds of milliseconds each, against
/// <c>--pattern-timeout 0.0000001s</c>, which the engine rounds up to 1 ms: a margin of hundreds, not a race.
/// </summary>
public sealed class PatternTimeoutCliTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Rules(string pattern = "abc.*(a|b)*a(a|b){1000}x") =>
        _dir.File("rules.json", $$"""{ "rules": [ { "name": "slow-abc", "keywords": ["abc"], "pattern": "{{pattern}}", "kind": "error" } ] }""");

    /// <summary>Two lines the rule's keyword selects (under the 64 KiB line limit of scan and ingest), between them one it does not.</summary>
    private string Log(string message) => _dir.File("till.log", string.Concat(
        $"2026-11-20T10:00:00.000Z [INFO] term=POS-1 tickets: {message}\n",
        "2026-11-20T10:00:01.000Z [INFO] term=POS-1 tickets: ticket closed\n",
        $"2026-11-20T10:00:02.000Z [INFO] term=POS-2 tickets: {message}\n"));

    private string SlowLog() => Log("abc " + string.Concat(Enumerable.Repeat("ab", 30_000)));

    [Fact]
    public async Task ScanJson_PatternPastItsTimeLimit_ListsTheRuleWithItsLinesAndWarns()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", SlowLog(), "--rules", Rules(), "--pattern-timeout", "0.0000001s", "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Equal(2, json.RootElement.GetProperty("patternTimeouts").GetProperty("slow-abc").GetInt64());
        Assert.Contains("posfleet: warning: rule 'slow-abc': its pattern ran past its time limit on 2 line(s), which were not matched by that rule.", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_DefaultTimeLimitOnOrdinaryLines_MatchesWithoutWarningAndAnEmptyList()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("scan", Log("ticket abc x42y saved"), "--rules", Rules("abc x[0-9]+y"), "--json");

        Assert.True(code == 0, stderr);
        using var json = JsonDocument.Parse(stdout);
        Assert.Empty(json.RootElement.GetProperty("patternTimeouts").EnumerateObject());
        Assert.Equal(2, json.RootElement.GetProperty("kinds").GetProperty("error").GetInt64());
        Assert.DoesNotContain("time limit", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_PatternPastItsTimeLimit_WarnsNamingTheRule()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("ingest", SlowLog(), "--store", Path.Combine(_dir.Path, "fleet.db"), "--rules", Rules(), "--pattern-timeout", "0.0000001s");

        Assert.True(code == 0, stderr);
        Assert.Contains("3 new entries stored", stdout, StringComparison.Ordinal);
        Assert.Contains("posfleet: warning: rule 'slow-abc': its pattern ran past its time limit on 2 line(s), stored without that rule's classification.", stderr, StringComparison.Ordinal);
    }
}
