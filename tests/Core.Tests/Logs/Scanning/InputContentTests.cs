using System.IO.Compression;
using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// Inputs are told by their first bytes, not their names: a UTF-8 byte-order mark is skipped (the first line is read),
/// gzip, xz, zstd and bzip2 are read through their decompressor (the fixtures made by the real gzip, xz, zstd and bzip2
/// commands, as a system's log rotation makes them), UTF-16 is transcoded, and what is not text is skipped with a note.
/// </summary>
public sealed class InputContentTests : IDisposable
{
    private const string Error = "2026-11-20T10:00:00.000Z [ERROR] term=POS-1 tickets: could not save ticket 7";
    private const string Info = "2026-11-20T10:00:01.000Z [INFO] term=POS-1 tickets: ticket closed";
    private const string Text = Error + "\n" + Info + "\n";
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static async Task<(List<LogEntry> Entries, LogScanSummary Summary)> ScanAsync(params string[] inputs)
    {
        var entries = new List<LogEntry>();
        var summary = await TestLogs.Scanner().ReadEntriesAsync(inputs, entries.Add);
        return (entries, summary);
    }

    /// <summary>Compresses <paramref name="content"/> with the real command (<c>gzip</c>, <c>xz</c>, <c>zstd</c>, <c>bzip2</c>) into <paramref name="name"/>.</summary>
    private async Task<string> CompressAsync(string tool, string name, byte[] content)
    {
        var plain = _dir.File(name + ".plain", content);
        var path = Path.Combine(_dir.Path, name);
        var run = await PosFleetProcess.RunAsync(new PosFleetProcess.Options(["-c", $"{tool} -c -q < '{plain}' > '{path}'"]) { FileName = "sh" });
        Assert.True(run.ExitCode == 0, $"{tool} failed: {run.Stderr}");
        File.Delete(plain);
        return path;
    }

    [Fact]
    public async Task ScanAsync_Utf8BomFile_FirstLineIsRead()
    {
        var log = _dir.File("bom.log", [.. Bom, .. Encoding.UTF8.GetBytes(Text)]);

        var (entries, summary) = await ScanAsync(log);

        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(2, summary.Lines);
        Assert.Equal("iso", Assert.Single(summary.Sources).Format);
        Assert.Equal((LogKind.Error, "could not save ticket 7", 1L), (entries[0].Kind, entries[0].Message, entries[0].Position.Line));
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), entries[0].Timestamp);
    }

    [Fact]
    public async Task ScanAsync_Utf8BomInsideGzip_FirstLineIsRead()
    {
        var gz = await CompressAsync("gzip", "bom.log.1.gz", [.. Bom, .. Encoding.UTF8.GetBytes(Text)]);

        var (entries, summary) = await ScanAsync(gz);

        Assert.Equal((0L, 2L), (summary.MalformedLines, summary.Lines));
        Assert.Equal("could not save ticket 7", entries[0].Message);
    }

    [Theory]
    [InlineData("gzip", "till.log.2.gz")]
    [InlineData("gzip", "till.log.2")] // compressed by logrotate's delaycompress, then renamed by hand
    [InlineData("xz", "eipp.log.xz")]
    [InlineData("zstd", "till.log.zst")]
    [InlineData("zstd", "till.log")]
    [InlineData("bzip2", "till.log.bz2")]
    public async Task ScanAsync_CompressedFileUnderAnyName_ReadThroughItsDecompressor(string tool, string name)
    {
        var file = await CompressAsync(tool, name, Encoding.UTF8.GetBytes(Text + Text));

        var (entries, summary) = await ScanAsync(file);

        Assert.Empty(summary.Errors);
        Assert.Empty(summary.Skipped);
        Assert.Equal((4L, 0L), (summary.Lines, summary.MalformedLines));
        Assert.Equal(2, summary.Kinds[LogKind.Error]);
        Assert.Equal(["could not save ticket 7", "ticket closed", "could not save ticket 7", "ticket closed"], entries.Select(e => e.Message));
    }

    [Fact]
    public async Task ScanAsync_AptDirectoryWithXzLog_ReadsItsTextNotItsBytes()
    {
        // /var/log/apt as Debian leaves it: eipp.log.xz matches *.log* and was read as 117 lines of binary "text".
        var eipp = string.Concat(Enumerable.Range(0, 200).Select(i => $"2026-11-20T10:00:00.000Z [INFO] planner: step {i}\n"));
        _dir.File("apt/history.log", Text);
        await CompressAsync("xz", "apt/eipp.log.xz", Encoding.UTF8.GetBytes(eipp));

        var summary = await TestLogs.Scanner(new LogScanOptions { DirectoryGlob = "*.log*" }).ScanAsync([Path.Combine(_dir.Path, "apt")]);

        Assert.Equal(2, summary.Sources.Count);
        Assert.Equal(202, summary.Lines);
        Assert.Equal(0, summary.MalformedLines);
        Assert.Empty(summary.Errors);
    }

    [Theory]
    [InlineData("xz", "xz-compressed")]
    [InlineData("zstd", "zstd-compressed")]
    [InlineData("bzip2", "bzip2-compressed")]
    public async Task ScanAsync_CompressedFileCutShort_NamedInErrorsOthersStillScanned(string tool, string what)
    {
        var whole = await CompressAsync(tool, "big.log.c", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(Text, 5000))));
        var bytes = File.ReadAllBytes(whole);
        var cut = _dir.File("cut.log.c", bytes[..(bytes.Length / 2)]);
        var good = _dir.File("good.log", Text);

        var (_, summary) = await ScanAsync(cut, good);

        var error = Assert.Single(summary.Errors);
        Assert.Equal(cut, error.Source);
        Assert.Contains(cut, error.Message, StringComparison.Ordinal);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        Assert.Contains(summary.Sources, s => s.Source == good && s.Lines == 2);
    }

    [Fact]
    public async Task ScanAsync_Utf16LittleEndianWithBom_TranscodedAndRead()
    {
        var log = _dir.File("events.log", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Text)).ToArray());

        var (entries, summary) = await ScanAsync(log);

        Assert.Equal((2L, 0L), (summary.Lines, summary.MalformedLines));
        Assert.Equal("could not save ticket 7", entries[0].Message);
    }

    [Theory]
    [InlineData("app.log", new byte[] { 0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0 }, "binary")]
    [InlineData("pos.db.log", new byte[] { (byte)'S', (byte)'Q', (byte)'L', (byte)'i', (byte)'t', (byte)'e', (byte)' ', (byte)'f', (byte)'o', (byte)'r', (byte)'m', (byte)'a', (byte)'t', (byte)' ', (byte)'3', 0 }, "binary")]
    [InlineData("logs.log.zip", new byte[] { (byte)'P', (byte)'K', 3, 4, 20, 0, 0, 0, 8, 0 }, "a zip archive")]
    [InlineData("till.log.lz4", new byte[] { 0x04, 0x22, 0x4D, 0x18, 0x64, 0x40, 0xA7 }, "lz4-compressed")]
    public async Task ScanAsync_NotText_SkippedWithANoteNamingFileAndWhy(string name, byte[] magic, string why)
    {
        var random = new byte[8192];
        new Random(12).NextBytes(random);
        var file = _dir.File(name, [.. magic, .. random]);
        var good = _dir.File("good.log", Text);

        var (_, summary) = await ScanAsync(file, good);

        var skipped = Assert.Single(summary.Skipped);
        Assert.Equal(file, skipped.Source);
        Assert.Contains(why, skipped.Reason, StringComparison.Ordinal);
        Assert.Empty(summary.Errors);
        Assert.Equal(2, summary.Lines); // good.log only: not a line of the binary file is counted
    }

    [Fact]
    public async Task ScanAsync_RandomBytesWithANewlineFirst_SkippedAsBinary()
    {
        var random = new byte[8192];
        new Random(7).NextBytes(random);
        random[0] = (byte)'\n';
        var file = _dir.File("core.log", random);

        var (_, summary) = await ScanAsync(file);

        Assert.Contains("binary", Assert.Single(summary.Skipped).Reason, StringComparison.Ordinal);
        Assert.Equal(0, summary.Lines);
    }

    [Fact]
    public async Task IngestAsync_Utf8BomFile_FirstLineStoredAndResumedAfter()
    {
        var store = new InMemoryLogStore();
        var ingester = TestLogs.Ingester(store);
        var log = _dir.File("bom.log", [.. Bom, .. Encoding.UTF8.GetBytes(Text)]);

        var first = await ingester.IngestAsync([log]);
        File.AppendAllText(log, Error + "\n");
        var second = await ingester.IngestAsync([log]);

        Assert.Equal((0L, 2L, 1L), (first.MalformedLines, first.NewEntries, second.NewEntries));
        var stored = (await store.QueryAsync(new LogQuery { Limit = 10 }, CancellationToken.None)).Entries.OrderBy(e => e.Position.Line).ToList();
        Assert.Equal([1L, 2L, 3L], stored.Select(e => e.Position.Line));
        Assert.Equal("could not save ticket 7", stored[0].Message);
    }

    [Theory]
    [InlineData("xz", "till.log", "xz-compressed: compressed files are not ingested")]
    [InlineData("gzip", "till.log.1", "gzip-compressed: compressed files are not ingested")]
    public async Task IngestAsync_CompressedUnderAnyName_SkippedWithANoteNothingStored(string tool, string name, string why)
    {
        var store = new InMemoryLogStore();
        var file = await CompressAsync(tool, name, Encoding.UTF8.GetBytes(Text));

        var summary = await TestLogs.Ingester(store).IngestAsync([file]);

        var skipped = Assert.Single(summary.Skipped);
        Assert.Equal(Path.GetFullPath(file), skipped.Source);
        Assert.Contains(why, skipped.Reason, StringComparison.Ordinal);
        Assert.Equal((0L, 0L), (summary.NewEntries, summary.MalformedLines));
        Assert.Empty(summary.Errors);
    }
}
