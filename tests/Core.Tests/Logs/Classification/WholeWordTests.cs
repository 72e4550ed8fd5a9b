using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>
/// Level words and keywords count only as whole words: a Debian package whose name holds "error" is not an error
/// (issue 12, section 4: dpkg.log of a stock Debian machine).
/// </summary>
public sealed class WholeWordTests : IDisposable
{
    // dpkg.log of a stock Debian machine, as written: no level field, package names that hold "error".
    private static readonly string[] DpkgLines =
    [
        "2025-06-24 14:36:38 install liberror-perl:all <none> 0.17029-2",
        "2025-06-24 14:36:38 status half-installed liberror-perl:all 0.17029-2",
        "2025-06-24 14:36:38 status unpacked liberror-perl:all 0.17029-2",
        "2025-06-24 14:37:01 configure liberror-perl:all 0.17029-2 <none>",
        "2025-06-24 14:37:01 status installed liberror-perl:all 0.17029-2",
        "2026-05-09 07:29:12 install libgpg-error-dev:amd64 <none> 1.46-1",
        "2026-05-09 07:29:12 status half-installed libgpg-error-dev:amd64 1.46-1",
        "2026-05-09 07:29:12 status unpacked libgpg-error-dev:amd64 1.46-1",
        "2026-05-09 07:29:25 configure libgpg-error-dev:amd64 1.46-1 <none>",
        "2026-05-09 07:29:25 status half-configured libgpg-error-dev:amd64 1.46-1",
        "2026-05-09 07:29:25 status installed libgpg-error-dev:amd64 1.46-1",
    ];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Scan_DpkgLinesOfPackagesNamedError_CountsNoError()
    {
        var log = _dir.File("dpkg.log", string.Join("\n", DpkgLines) + "\n");

        var summary = await TestLogs.Scanner().ScanAsync([log]);

        Assert.Equal(DpkgLines.Length, summary.LinesInScope);
        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(0, summary.Kinds.GetValueOrDefault(LogKind.Error));
        Assert.Equal(0, summary.Severities.GetValueOrDefault(LogSeverity.Error));
        Assert.DoesNotContain(summary.Levels.Keys, level => level.Equals("error", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Scan_PlainLineWithLevelWordStandingAlone_TakesIt()
    {
        var log = _dir.File("plain.log", "2026-05-09 07:29:25 dpkg: error: cannot access archive 'x.deb'\n2026-05-09 07:29:26 status installed libgpg-error-dev:amd64 1.46-1\n");

        var summary = await TestLogs.Scanner().ScanAsync([log]);

        Assert.Equal(1, summary.Kinds.GetValueOrDefault(LogKind.Error));
        Assert.Equal(1, summary.Levels["error"]);
    }

    [Theory]
    [InlineData("payment service timeout after 30 s", true)]
    [InlineData("TIMEOUT", true)]
    [InlineData("sync gave up (timeout).", true)]
    [InlineData("counters: timeouts_total=3", false)]
    [InlineData("config: sync-timeout-seconds=30", false)]
    [InlineData("config: notimeout set", false)]
    public async Task Keyword_InsideALongerWord_DoesNotMatch(string message, bool matches)
    {
        var log = _dir.File($"{Guid.NewGuid():n}.log", $"2026-11-20T10:00:00Z [WARN] term=T1 sync: {message}\n");
        var entries = new List<LogEntry>();

        await TestLogs.Scanner().ReadEntriesAsync([log], entries.Add);

        var e = Assert.Single(entries);
        Assert.Equal(matches ? "sync-timeout" : null, e.Rule);
        Assert.Equal(matches ? LogKind.Retry : LogKind.None, e.Kind);
    }
}
