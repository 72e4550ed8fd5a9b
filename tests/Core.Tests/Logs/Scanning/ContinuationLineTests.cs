using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// Lines that are not entries of their own: stack frames and <c>Caused by:</c> belong to the entry above; lines without
/// a timestamp are untimed entries. Neither is malformed, and none is dropped.
/// </summary>
public sealed class ContinuationLineTests : IDisposable
{
    private static readonly string Data = Path.Combine(AppContext.BaseDirectory, "Logs", "Data");
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ScanAsync_JavaStackTraces_FramesAreTheEntrysMessageNotItsTemplate()
    {
        var log = Path.Combine(Data, "layouts", "java-stack.log");

        var summary = await TestLogs.Scanner().ScanAsync([log]);

        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(0, summary.UntimedLines);
        Assert.Equal(8, summary.ContinuationLines);
        Assert.Equal(12, summary.Lines);
        Assert.Equal(4, summary.LinesInScope);
        var failed = Assert.Single(summary.Templates, t => t.Template.Contains("payment failed", StringComparison.Ordinal));
        Assert.Equal(2, failed.Count);
        Assert.DoesNotContain("Till.java", failed.Template, StringComparison.Ordinal);
        Assert.Contains("\tat com.acme.pos.Till.pay(Till.java:42)\n", failed.Example.Message, StringComparison.Ordinal);
        Assert.EndsWith("Caused by: java.net.SocketTimeoutException: connect timed out\n\tat java.base/java.net.Socket.connect(Socket.java:633)\n\t... 2 more", failed.Example.Message, StringComparison.Ordinal);
        Assert.Equal(new LogPosition(log, 1), failed.Example.Position);
    }

    [Fact]
    public async Task ScanAsync_TextOnlyInAStackFrame_FindsTheEntry()
    {
        var log = Path.Combine(Data, "layouts", "java-stack.log");

        var summary = await TestLogs.Scanner().ScanAsync([log], new LogScanFilter { Text = "SocketTimeoutException" });

        Assert.Equal(1, summary.SelectedLines);
        Assert.Equal(new LogPosition(log, 1), Assert.Single(summary.Templates).Example.Position);
    }

    [Fact]
    public async Task ReadEntriesAsync_DotNetStackTraceCutAcrossBlocks_EveryEntryWhole()
    {
        var text = string.Concat(Enumerable.Range(0, 400).Select(i =>
            $"2026-11-20T10:{i / 60 % 60:00}:{i % 60:00}.000Z [ERROR] term=POS-{i % 7:0000} sync: upload failed ref=T-{i}\n"
            + "System.Net.Http.HttpRequestException: Connection refused\n"
            + "   at PosFleet.Terminal.Sync.UploadAsync() in Sync.cs:line 42\n"
            + "--- End of stack trace from previous location ---\n"
            + "   at PosFleet.Terminal.Sync.RunAsync() in Sync.cs:line 7\n"));
        var log = _dir.File("fleet.log", text);
        var entries = new List<LogEntry>();

        // Small blocks on several cores: the cuts fall inside stack traces unless the scan moves them.
        var options = new LogScanOptions { BlockSize = 1 << 10, MaxDegreeOfParallelism = 4 };
        var summary = await TestLogs.Scanner(options).ScanAsync([log]);
        await TestLogs.Scanner(new LogScanOptions { BlockSize = 1 << 10 }).ReadEntriesAsync([log], entries.Add);

        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(0, summary.UntimedLines);
        Assert.Equal(1600, summary.ContinuationLines);
        Assert.Equal(400, summary.LinesInScope);
        Assert.Equal(400, entries.Count);
        Assert.All(entries, e => Assert.EndsWith("RunAsync() in Sync.cs:line 7", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScanAsync_LinesWithoutTimestamp_UntimedEntriesInScopeOnlyWithoutAWindow()
    {
        var log = _dir.File("till.log",
            "2026-11-20T10:00:00.000Z [INFO] tickets: ticket closed ref=T-1\nprinter jammed, paper out\n2026-11-20T10:00:02.000Z [INFO] tickets: ticket closed ref=T-2\n");

        var all = await TestLogs.Scanner().ScanAsync([log]);
        var windowed = await TestLogs.Scanner().ScanAsync([log], new LogScanFilter { From = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero) });

        Assert.Equal((0L, 1L, 3L), (all.MalformedLines, all.UntimedLines, all.LinesInScope));
        Assert.Contains(all.Templates, t => t.Example.Message == "printer jammed, paper out");
        Assert.Equal((0L, 1L, 2L), (windowed.MalformedLines, windowed.UntimedLines, windowed.LinesInScope));
    }

    [Theory]
    [InlineData("2026-11-20T10:00:00.000Z [ERROR] term=POS-0001 printer: paper out")]
    [InlineData("2026-11-20 10:00:00,000 ERROR [main] com.acme.till.Printer: paper out")]
    public async Task ReadEntriesAsync_JavaLevelLineInAnotherTimestampedLayout_ItsOwnUntimedEntry(string first)
    {
        // java.util.logging's "SEVERE: message" continues its own header line only; in another layout it is a line of its own.
        var second = first.Replace("10:00:00", "10:00:01", StringComparison.Ordinal);
        var log = _dir.File("till.log", $"{first}\nINFO: cache warmed\n{second}\nSEVERE: disk almost full\n");
        var entries = new List<LogEntry>();

        var summary = await TestLogs.Scanner().ReadEntriesAsync([log], entries.Add);

        Assert.Equal((0L, 2L, 0L, 4L), (summary.MalformedLines, summary.UntimedLines, summary.ContinuationLines, summary.LinesInScope));
        Assert.Equal(["ERROR", "INFO", "ERROR", "SEVERE"], entries.Select(e => e.Level));
        Assert.Equal("paper out", entries[0].Message);
        Assert.Equal("disk almost full", entries[3].Message);
    }

    [Fact]
    public async Task ReadEntriesAsync_JavaUtilLoggingWithStackTrace_LevelLineAndFramesContinueTheRecord()
    {
        var log = _dir.File("catalina.log", """
            Nov 30, 2026 10:15:30 AM com.acme.till.Printer print
            SEVERE: printer jammed
            java.io.IOException: paper out
            	at com.acme.till.Printer.print(Printer.java:42)
            Nov 30, 2026 10:15:31 AM com.acme.till.Sync upload
            INFO: upload done

            """);
        var entries = new List<LogEntry>();

        var summary = await TestLogs.Scanner().ReadEntriesAsync([log], entries.Add);

        Assert.Equal((0L, 0L, 4L, 2L), (summary.MalformedLines, summary.UntimedLines, summary.ContinuationLines, summary.LinesInScope));
        Assert.Equal(["SEVERE", "INFO"], entries.Select(e => e.Level));
        Assert.Equal(("com.acme.till.Printer print", "upload done"), (entries[0].Component, entries[1].Message));
    }

    [Theory]
    [InlineData("alternatives.log", 4, 0)]
    [InlineData("history.log", 4, 5)]
    [InlineData("term.log", 2, 5)]
    [InlineData("fontconfig.log", 0, 5)]
    public async Task ScanAsync_DebianSystemLog_EveryLineReadNoneMalformed(string file, long timed, long untimed)
    {
        var log = Path.Combine(Data, "debian", file);

        var summary = await TestLogs.Scanner().ScanAsync([log]);

        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(untimed, summary.UntimedLines);
        Assert.Equal(timed + untimed, summary.LinesInScope);
    }
}
