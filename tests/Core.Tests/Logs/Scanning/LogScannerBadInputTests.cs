using System.IO.Compression;
using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

public sealed class LogScannerBadInputTests : IDisposable
{
    private const string Error = "2026-11-20T10:00:00.000Z [ERROR] term=POS-1 tickets: could not save ticket 7";
    private const string Info = "2026-11-20T10:00:01.000Z [INFO] term=POS-1 tickets: ticket closed";

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Task<LogScanSummary> Scan(params string[] inputs) => TestLogs.Scanner(new LogScanOptions { MaxLineLength = 1024 }).ScanAsync(inputs);

    [Fact]
    public async Task ScanAsync_InvalidUtf8_CountsLineAndStillClassifiesIt()
    {
        var bytes = Encoding.UTF8.GetBytes(Info + "\n").Concat(Encoding.UTF8.GetBytes(Error[..40])).Concat(new byte[] { 0xC3, 0x28, 0xFF })
            .Concat(Encoding.UTF8.GetBytes(Error[40..] + "\n")).ToArray();
        var summary = await Scan(_dir.File("bad-utf8.log", bytes));

        Assert.Equal(1, summary.MalformedLines);
        var m = Assert.Single(summary.FirstMalformed);
        Assert.Equal(MalformedReason.InvalidUtf8, m.Reason);
        Assert.Equal(2, m.Position.Line);
        Assert.Equal(1, summary.Kinds[LogKind.Error]);
    }

    [Fact]
    public async Task ScanAsync_NulBytes_CountsAndSkipsTheLine()
    {
        var log = _dir.File("nul.log", Info + "\n" + new string('\0', 30) + "\n" + Error + "\n");
        var summary = await Scan(log);

        Assert.Equal(3, summary.Lines);
        Assert.Equal(MalformedReason.NulBytes, Assert.Single(summary.FirstMalformed).Reason);
        Assert.Equal(new LogPosition(log, 2), summary.FirstMalformed[0].Position);
        Assert.Equal(1, summary.Kinds[LogKind.Error]);
        Assert.Equal(2, summary.LinesInScope);
    }

    [Fact]
    public async Task ScanAsync_CrLfLineEnds_ReadLikeLf()
    {
        var lf = await Scan(_dir.File("lf.log", $"{Error}\n{Info}\n"));
        var crlf = await Scan(_dir.File("crlf.log", $"{Error}\r\n{Info}\r\n"));

        Assert.Equal(0, crlf.MalformedLines);
        Assert.Equal(lf.Kinds, crlf.Kinds);
        Assert.Equal(lf.Templates[0].TemplateId, crlf.Templates[0].TemplateId);
        Assert.DoesNotContain('\r', crlf.Templates[0].Example.Message);
    }

    [Fact]
    public async Task ScanAsync_LineLongerThanMaximum_SkippedAndCountedAsOverLongNotMalformed()
    {
        var longLine = Error + " " + new string('x', 5000);
        var log = _dir.File("long.log", $"{Info}\n{longLine}\n{Info}\n");
        var emitted = new List<LogEntry>();

        var summary = await TestLogs.Scanner(new LogScanOptions { MaxLineLength = 1024 })
            .ScanAsync(new LogScanRequest { Inputs = [log], OnEntry = emitted.Add });

        Assert.Equal(1, summary.OverLongLines);
        Assert.Equal(new LogPosition(log, 2), Assert.Single(summary.FirstOverLong));
        Assert.Equal(0, summary.MalformedLines);
        Assert.Empty(summary.FirstMalformed);
        Assert.Equal(3, summary.Lines);
        Assert.Equal(2, summary.LinesInScope);
        Assert.Equal(0, summary.Kinds[LogKind.Error]); // the error it held is not classified from a cut-off copy
        Assert.Empty(summary.Templates);
        Assert.Equal(new long[] { 1, 3 }, emitted.Select(e => e.Position.Line));
    }

    [Fact]
    public async Task ScanAsync_MissingAndGarbledTimestamps_UntimedEntryReadGarbledReported()
    {
        var log = _dir.File("ts.log", $"{Info}\nno timestamp at all: printer offline\n2026-13-45T99:00:00Z [ERROR] impossible date\n{Error}\n");
        var summary = await Scan(log);

        // The line without a timestamp is an entry all the same (untimed); the impossible date is malformed.
        Assert.Equal(1, summary.MalformedLines);
        Assert.Equal([3L], summary.FirstMalformed.Select(m => m.Position.Line));
        Assert.Equal(MalformedReason.GarbledTimestamp, summary.FirstMalformed[0].Reason);
        Assert.Equal(1, summary.UntimedLines);
        Assert.Equal(3, summary.LinesInScope);
    }

    [Fact]
    public async Task ScanAsync_TruncatedLastLine_ReportedAndStillCounted()
    {
        var summary = await Scan(_dir.File("trunc.log", $"{Info}\n{Error}"));

        Assert.Equal(MalformedReason.Truncated, Assert.Single(summary.FirstMalformed).Reason);
        Assert.Equal(1, summary.Kinds[LogKind.Error]);
    }

    [Fact]
    public async Task ScanAsync_EmptyMissingAndCorruptFiles_NamedInErrors_OthersStillScanned()
    {
        var empty = _dir.File("empty.log", "");
        // A gzip header (told by its magic bytes) and data no deflate stream starts with.
        var corrupt = _dir.File("corrupt.log.gz", [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, .. Encoding.UTF8.GetBytes("this is not gzip data")]);
        var good = _dir.File("good.log", Error + "\n");
        var missing = Path.Combine(_dir.Path, "missing.log");

        var summary = await Scan(empty, corrupt, missing, good);

        Assert.Equal(1, summary.Kinds[LogKind.Error]);
        Assert.Equal(3, summary.Errors.Count);
        Assert.Contains(summary.Errors, e => e.Source == empty && e.Message.Contains("empty", StringComparison.Ordinal));
        Assert.Contains(summary.Errors, e => e.Source == corrupt && e.Message.Contains(corrupt, StringComparison.Ordinal));
        Assert.Contains(summary.Errors, e => e.Source == missing && e.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ScanAsync_DirectoryWithRotatedGzipFiles_ReadsAllMatchingFilesRecursively()
    {
        _dir.File("pos/app.log", Error + "\n");
        _dir.File("pos/old/notes.txt", Error + "\n");
        var gz = Path.Combine(_dir.Path, "pos", "old", "app.log.1.gz");
        await using (var file = File.Create(gz))
        await using (var zip = new GZipStream(file, CompressionLevel.Fastest))
        {
            zip.Write(Encoding.UTF8.GetBytes($"{Error}\n{Error}\n{Info}\n"));
        }

        var summary = await Scan(Path.Combine(_dir.Path, "pos"));

        Assert.Equal(2, summary.Sources.Count);
        Assert.Equal(3, summary.Kinds[LogKind.Error]);
        Assert.Equal(4, summary.Lines);
        Assert.Empty(summary.Errors);
    }
}
