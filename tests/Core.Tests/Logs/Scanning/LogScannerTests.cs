using PosFleet.Logs;
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
}
