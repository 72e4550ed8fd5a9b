using PosFleet.Logs;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Levels;

/// <summary>
/// Where the layout has a level field, the level decides before the message does: an INFO line that says "error" is
/// information. Keywords decide only for layouts without a level (and for the rules that name their keywords).
/// </summary>
public sealed class LevelBeforeMessageTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string, string> InformationLines => new()
    {
        { "iso", "2026-11-20T10:15:02.123Z [INFO] term=POS-1 sync: error count reset, no failed uploads, retry queue empty" },
        { "serilog", "2026-11-20 10:15:02.123 +01:00 [INF] error count reset, no failed uploads" },
        { "json", """{"@t":"2026-11-20T10:15:02.123Z","@l":"Information","@mt":"error count reset, no failed uploads"}""" },
        { "nlog", "2026-11-20 10:15:02.1234|INFO|Till.Sync|error count reset, no failed uploads" },
        { "log4j", "2015-10-18 18:01:47,978 INFO [main] com.acme.Sync: error count reset, no failed uploads" },
        { "cbs", "2016-09-28 04:30:30, Info                  CBS    error count reset, no failed uploads" },
        { "rfc5424", "<14>1 2026-11-20T10:15:02.003Z till-07 posd 42 ID47 - error count reset, no failed uploads" },
        { "syslog", "<14>Nov 20 10:15:02 till-07 posd[42]: error count reset, no failed uploads" },
        { "apache", "[Sun Dec 04 04:47:44 2005] [notice] error count reset, no failed uploads" },
        { "logcat", "03-17 16:13:38.811  1702  2395 I Sync: error count reset, no failed uploads" },
        { "generic", "- 1117838570 2005.06.03 R02-M1-N0-C:J12-U11 2005-06-03-15.42.50.675872 R02-M1-N0-C:J12-U11 RAS KERNEL INFO error count reset, no failed uploads" },
    };

    [Theory]
    [MemberData(nameof(InformationLines))]
    public async Task ReadEntriesAsync_InformationLevelWithErrorWordsInTheMessage_IsInformation(string format, string line)
    {
        var entries = await Read(format, line);

        var entry = Assert.Single(entries);
        Assert.Equal((LogKind.None, LogSeverity.Success), (entry.Kind, entry.Severity));
    }

    [Theory]
    [InlineData("2026-11-20T10:15:02.123Z sync: upload error, 3 tickets waiting", LogKind.Error, LogSeverity.Error)]
    [InlineData("2026-11-20T10:15:02.123Z sync: upload failed", LogKind.Fail, LogSeverity.Error)]
    [InlineData("2026-11-20T10:15:02.123Z sync: all uploads done", LogKind.None, LogSeverity.Success)]
    public async Task ReadEntriesAsync_LayoutWithoutALevel_KeywordsDecide(string line, LogKind kind, LogSeverity severity)
    {
        var entries = await Read("plain", line);

        var entry = Assert.Single(entries);
        Assert.Equal((kind, severity), (entry.Kind, entry.Severity));
    }

    [Fact]
    public async Task ReadEntriesAsync_InformationLineNamingAKnownProblem_RuleStillNamesIt()
    {
        // A rule's own keywords ("paper out") still find the problem on any level: they are not the level's words.
        var entries = await Read("iso", "2026-11-20T10:15:02.123Z [INFO] term=POS-1 printer: paper out");

        Assert.Equal(("printer-paper-out", LogKind.Fail), (Assert.Single(entries).Rule, entries[0].Kind));
    }

    private async Task<List<LogEntry>> Read(string format, string line)
    {
        Assert.True(LogFormats.TryGet(format, out var layout) || format == "generic", format);
        var file = _dir.File($"{format}.log", line + "\n");
        var entries = new List<LogEntry>();
        var options = new LogScanOptions { Format = format == "generic" ? null : layout };

        var summary = await TestLogs.Scanner(options).ReadEntriesAsync([file], entries.Add);

        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(format, summary.Sources[0].Format);
        return entries;
    }
}
