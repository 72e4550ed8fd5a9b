using PosFleet.Logs;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

public sealed class LogScannerTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ScanAsync_PosLog_CountsKindsAndSeverities()
    {
        var log = _dir.File("pos.log", """
            2026-11-20T10:15:02.123Z [ERROR] term=POS-0027 org=ACME tickets: could not save ticket ref=T-1 : disk error 5
            2026-11-20T10:15:03.000Z [INFO] term=POS-0027 org=ACME tickets: ticket closed ref=T-2
            2026-11-20T10:16:00.000Z [WARN] term=POS-0028 org=ACME printer: low paper on printer 2
            2026-11-20T10:17:00.000Z [OFFLINE] term=POS-0028 org=ACME sync: no internet connection
            2026-11-20T10:18:00.000Z [RETRY] term=POS-0029 org=BETA sync: retrying upload (attempt 2)
            2026-11-20T10:19:00.000Z [FAIL] term=POS-0029 org=BETA printer: print job 42 failed

            """);

        var summary = await TestLogs.Scanner(new LogScanOptions()).ScanAsync([log]);

        Assert.Equal(6, summary.Lines);
        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(1, summary.Kinds[LogKind.Error]);
        Assert.Equal(1, summary.Kinds[LogKind.Fail]);
        Assert.Equal(1, summary.Kinds[LogKind.Offline]);
        Assert.Equal(1, summary.Kinds[LogKind.Retry]);
        Assert.Equal(2, summary.Kinds[LogKind.None]);
        Assert.Equal(1, summary.Severities[LogSeverity.Success]);
        Assert.Equal(2, summary.Severities[LogSeverity.Alert]);
        Assert.Equal(3, summary.Severities[LogSeverity.Error]);
        Assert.Equal(4, summary.SelectedLines);
        Assert.Equal("iso", Assert.Single(summary.Sources).Format);
        Assert.Equal(3, summary.Terminals.Count);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ScanAsync_KnownErrorsInInfoLinesAnywhereInTheFile_ClassifyEveryOne(bool window)
    {
        // Known errors in lines whose level is INFO, at every distance from the line's start (so across the scan's 64-byte
        // steps and its blocks), among lines that hold only words that begin or end like them. With or without a window
        // that holds every line, each known error is found, and nothing else.
        var random = new Random(3);
        (string Text, LogKind Kind)[] phrases =
        [
            ("card declined", LogKind.Fail), ("PRINTER OFFLINE", LogKind.Offline), ("Printer Offline", LogKind.None), ("DATABASE IS LOCKED", LogKind.Error),
            ("no internet", LogKind.Offline), ("timed out", LogKind.None), ("cards declined", LogKind.None),
            ("printer online", LogKind.None), ("payment approved", LogKind.None), ("paper outage", LogKind.None),
        ];
        var expected = new Dictionary<LogKind, long>();
        var lines = new List<string>();
        var time = new DateTimeOffset(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 30_000; i++)
        {
            var (text, kind) = phrases[random.Next(phrases.Length)];
            var pad = new string('x', random.Next(0, 130));
            lines.Add($"{time.AddMilliseconds(i * 37):yyyy-MM-ddTHH:mm:ss.fffZ} [INFO] term=POS-{i % 40:0000} org=acme-{i % 3} sync: {pad} {text} ref=T-{i}");
            expected[kind] = expected.GetValueOrDefault(kind) + 1;
        }

        var log = _dir.File("known.log", string.Join('\n', lines) + "\n");
        var filter = window ? new LogScanFilter { From = time, To = time.AddDays(1) } : new LogScanFilter();
        var summary = await TestLogs.ScanAsync(TestLogs.Scanner(new LogScanOptions { MaxDegreeOfParallelism = 2 }), [log], filter);

        Assert.Equal(30_000, summary.LinesInScope);
        foreach (var kind in new[] { LogKind.None, LogKind.Fail, LogKind.Offline, LogKind.Error })
        {
            Assert.Equal(expected.GetValueOrDefault(kind), summary.Kinds.GetValueOrDefault(kind));
        }
    }

    [Theory]
    [InlineData("-")]
    [InlineData("_")]
    public async Task ScanAsync_AKnownErrorThatEndsTheMessageBeforeAWordByte_IsFound(string separator)
    {
        // The message ends where the layout's separator starts: 'printer offline' is a whole word there, although the byte
        // after it in the line ('-', '_') would join it to the next word.
        var log = _dir.File($"sep{(int)separator[0]}.log", $"""
            2026-11-17 10:00:00 INFO printer offline{separator}T42
            2026-11-17 10:00:01 INFO card declined{separator}T43
            2026-11-17 10:00:02 INFO printer online{separator}T44

            """);
        var options = new LogScanOptions { Format = LogFormats.FromPattern("dash", $"{{timestamp:yyyy-MM-dd HH:mm:ss}} {{level}} {{message}}{separator}{{terminal}}") };

        var summary = await TestLogs.Scanner(options).ScanAsync([log]);

        Assert.Equal(3, summary.LinesInScope);
        Assert.Equal(1, summary.Kinds[LogKind.Offline]);
        Assert.Equal(1, summary.Kinds[LogKind.Fail]);
        Assert.Equal(1, summary.Kinds[LogKind.None]);
    }
}
