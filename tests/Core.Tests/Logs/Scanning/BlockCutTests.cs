using System.IO.Compression;
using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>
/// A file cut into blocks (read by one worker or several, mapped or as a stream) gives what it gives in one block: the
/// fuzzer's findings around continuation lines and untimed entries (benchmarks/Fuzz/corpus/lines/found/block-cuts).
/// </summary>
public sealed class BlockCutTests : IDisposable
{
    private const string Timed = "2026-11-20T10:15:01.000Z [ERROR] term=POS-1 printer: paper out";
    private static readonly DateTime Written = new(2026, 11, 21, 8, 0, 0, DateTimeKind.Utc);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void Split_TheLastBlocksOfEachCore_AreCutSmaller_AndEveryBlockHoldsWholeLines(int cores)
    {
        // Lines of 63 to 102 bytes (the timed line, 0 to 39 blanks, the newline); blocks of 4 KiB, the last cores × 4 KiB or
        // more in blocks of 1 KiB, each cut moved past the next newline.
        var data = Lines(100_000, stackTraces: false);

        var blocks = Split(data, 4_096, 1_024, cores, ContinuationRule.None);

        var tailFrom = data.Length - (4_096 * cores);
        AssertWholeLines(data, blocks, rule: ContinuationRule.None);
        foreach (var (start, count) in blocks.SkipLast(1))
        {
            // Full size while a block of that size ends before the last cores × 4 KiB; longer by less than a line.
            var size = start + 4_096 <= tailFrom ? 4_096 : 1_024;
            Assert.InRange(count, size, size + 102);
        }

        // The small blocks hold the last cores × 4 KiB (less the last full block's overrun, at most a line) and up to one
        // full block more: at least as many as those bytes need of blocks of at most 1,126 bytes, at most one for each
        // 1 KiB of cores + 1 blocks, and the last.
        var small = blocks.Count(b => b.Count < 4_096);
        Assert.InRange(small, ((4_096 * cores) - 102 + 1_125) / 1_126, (4 * (cores + 1)) + 1);
    }

    [Fact]
    public void Split_AnInputShorterThanTheCoresBlocks_IsCutInSmallBlocksOnly_AndNeverInsideAnEntry()
    {
        // 2 × 64 KiB is more than the input: every block is a small one. Its stack traces stay with their entries.
        var data = Lines(60_000, stackTraces: true);

        var blocks = Split(data, 64 << 10, 2_048, 2, ContinuationRule.StackTraces);

        AssertWholeLines(data, blocks, ContinuationRule.StackTraces);
        Assert.All(blocks.SkipLast(1), b => Assert.InRange(b.Count, 2_048, 2_048 + 1_000));
    }

    [Theory]
    [InlineData(0, 1_024)]
    [InlineData(4_096, 0)]
    [InlineData(-1, 1_024)]
    public void Split_ABlockSizeOfZeroOrLess_IsRefused(long blockSize, long tailBlockSize)
    {
        var data = Lines(10_000, stackTraces: false);

        Assert.Throws<ArgumentOutOfRangeException>(() => Split(data, blockSize, tailBlockSize, 2, ContinuationRule.None));
    }

    private static unsafe List<(long Start, int Count)> Split(byte[] data, long blockSize, long tailBlockSize, int cores, ContinuationRule rule)
    {
        fixed (byte* p = data)
        {
            return ScanRun.Split(p, data.Length, blockSize, tailBlockSize, cores, rule);
        }
    }

    /// <summary>Timed lines of varying length, with, where asked, a three-line stack trace after every fifth.</summary>
    private static byte[] Lines(int bytes, bool stackTraces)
    {
        var text = new StringBuilder();
        for (var i = 0; text.Length < bytes; i++)
        {
            text.Append(Timed).Append(' ', i % 40).Append('\n');
            if (stackTraces && i % 5 == 0)
            {
                text.Append("   at PosFleet.Printing.Print()\n   at PosFleet.Tickets.Close()\nCaused by: printer offline\n");
            }
        }

        return Encoding.ASCII.GetBytes(text.ToString());
    }

    /// <summary>The blocks follow one another from the first byte to the last, each starting with an entry's first line and ending with a newline.</summary>
    private static void AssertWholeLines(byte[] data, List<(long Start, int Count)> blocks, ContinuationRule rule)
    {
        var next = 0L;
        foreach (var (start, count) in blocks)
        {
            Assert.Equal(next, start);
            Assert.True(count > 0);

            // Every entry of these inputs, and only an entry, starts with its timestamp.
            Assert.True(data.AsSpan((int)start).StartsWith("2026-"u8), $"a block starts inside an entry, at {start}");
            Assert.Equal((byte)'\n', data[start + count - 1]);
            next = start + count;
            if (next < data.Length)
            {
                Assert.False(ContinuationLine.Continues(data.AsSpan((int)next, Math.Min(256, data.Length - (int)next)), rule), $"a block starts inside an entry, at {next}");
            }
        }

        Assert.Equal(data.Length, next);
    }

    [Fact]
    public async Task ScanAsync_ContinuationLinesWithNulInvalidUtf8OrPastTheMaximum_CountedAsAnyLineIs()
    {
        var log = _dir.File("till.log", [
            .. Encoding.UTF8.GetBytes($"{Timed}\n\tat Till.Pay()\n\tat Till.Run() \0\n\tat Till.Main() "), 0xFF, (byte)'\n',
            .. Encoding.UTF8.GetBytes($"\t{new string('x', 300)}\n")]);
        var entries = new List<LogEntry>();

        foreach (var blockSize in new long[] { 0, 70 })
        {
            entries.Clear();
            var summary = await TestLogs.Scanner(Options(blockSize)).ReadEntriesAsync([log], entries.Add);

            Assert.Equal(
                [new MalformedLine(new LogPosition(log, 3), MalformedReason.NulBytes), new MalformedLine(new LogPosition(log, 4), MalformedReason.InvalidUtf8)],
                summary.FirstMalformed);
            Assert.Equal([new LogPosition(log, 5)], summary.FirstOverLong);
            Assert.Equal((1L, 1L), (summary.ContinuationLines, summary.LinesInScope));
            // The entry's message runs on to the first line that is not fit to be part of it.
            Assert.Equal("paper out\n\tat Till.Pay()", Assert.Single(entries).Message);
        }
    }

    [Fact]
    public async Task ScanAsync_UntimedEntriesCutFromTheEntryAbove_SameTimesOnEveryCut()
    {
        var lines = Enumerable.Range(0, 30).Select(i => i % 3 == 2 ? "printer jammed, paper out" : Timed.Replace(":01.", $":{i:00}.", StringComparison.Ordinal));
        var log = _dir.File("till.log", string.Join('\n', lines) + "\n");
        File.SetLastWriteTimeUtc(log, Written);

        var whole = Describe(await TestLogs.Scanner(Options(0)).ScanAsync([log]));
        var cut = Describe(await TestLogs.Scanner(Options(70, workers: 2)).ScanAsync([log]));

        Assert.Equal(whole, cut);
        // An untimed entry has no time of its own to count: a template or terminal seen only untimed takes the file's.
        Assert.Contains($"printer jammed, paper out x10 {new DateTimeOffset(Written):O}", whole, StringComparison.Ordinal);
        Assert.Contains($"terminal '' x10 {new DateTimeOffset(Written):O}", whole, StringComparison.Ordinal);
        Assert.Contains("terminal 'POS-1' x20 2026-11-20T10:15:28.0000000+00:00", whole, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadEntriesAsync_UntimedEntryFirstInItsBlock_TakesTheTimeOfTheEntryAbove()
    {
        var log = _dir.File("till.log", $"{Timed}\nprinter jammed, paper out\n{Timed}\nprinter jammed, paper out\n");
        File.SetLastWriteTimeUtc(log, Written);
        var entries = new List<LogEntry>();

        // Blocks of one line each: every untimed entry starts a block.
        await TestLogs.Scanner(Options(8)).ReadEntriesAsync([log], entries.Add);

        Assert.Equal(4, entries.Count);
        Assert.All(entries, e => Assert.Equal(new DateTimeOffset(2026, 11, 20, 10, 15, 1, TimeSpan.Zero), e.Timestamp));
    }

    [Fact]
    public async Task ScanAsync_IndentedLineAfterABlankLine_IsAnEntryOnEveryCut()
    {
        var log = _dir.File("till.log", $"{Timed}\n\n    drawer opened\n{Timed}\n\tat Till.Pay()\n");

        foreach (var blockSize in new long[] { 0, 8, 64 })
        {
            var summary = await TestLogs.Scanner(Options(blockSize)).ScanAsync([log]);

            // A blank line ends the entry above: what follows it is an entry of its own, untimed.
            Assert.Equal((3L, 1L, 1L, 0L), (summary.LinesInScope, summary.UntimedLines, summary.ContinuationLines, summary.MalformedLines));
        }
    }

    [Fact]
    public async Task ScanAsync_CompressedEntryWithAnUnterminatedFrame_FrameContinuesTheEntry()
    {
        var log = Path.Combine(_dir.Path, "till.log.gz");
        using (var gzip = new GZipStream(File.Create(log), CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes($"{Timed}\n\tat Till.Pay()"));
        }

        var summary = await TestLogs.Scanner(Options(0)).ScanAsync([log]);

        Assert.Equal((1L, 1L, 0L), (summary.LinesInScope, summary.ContinuationLines, summary.MalformedLines));
        Assert.Equal("paper out\n\tat Till.Pay()", Assert.Single(summary.Templates).Example.Message);
    }

    private static LogScanOptions Options(long blockSize, int workers = 1) =>
        new() { Format = LogFormats.Iso, MaxLineLength = 256, BlockSize = blockSize, MaxDegreeOfParallelism = workers };

    private static string Describe(LogScanSummary s) =>
        string.Join('\n', s.Templates.OrderBy(t => t.Template, StringComparer.Ordinal).Select(t => $"{t.Example.Message} x{t.Count} {t.FirstSeen:O} {t.LastSeen:O} @{t.Example.Position.Line}")
            .Concat(s.Terminals.Select(t => $"terminal '{t.Terminal}' x{t.Count} {t.LastSeen:O}")));
}
