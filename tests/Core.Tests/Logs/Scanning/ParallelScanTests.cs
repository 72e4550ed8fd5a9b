using System.Globalization;
using System.Text;
using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

public sealed class ParallelScanTests : IDisposable
{
    private static readonly string[] Levels = ["INFO", "INFO", "INFO", "WARN", "ERROR", "FAIL", "OFFLINE", "RETRY"];

    private static readonly string[] Messages =
    [
        "tickets: ticket closed ref=T-{0} total={1}.50 EUR",
        "printer: printer not responding at 192.168.1.{1}",
        "sync: Connection reset by back office after {1} s",
        "sync: request timed out, retrying in {1} s",
        "tickets: could not save ticket ref=T-{0}: database is locked",
        "payment: card declined ref=T-{0}",
        "kds: order {0} not acknowledged",
        "scale: drift {1} g",
        "sync: upload rejected, product {2} has no tax rate",
    ];

    private static readonly DateTimeOffset First = new(2026, 11, 19, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Last = new(2026, 11, 19, 5, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ScanAsync_ManySmallBlocksOnFourCores_SameSummaryAsOneCore()
    {
        var log = _dir.File("fleet.log", Generate(lines: 20_000, seed: 7));
        var filter = new LogScanFilter
        {
            From = First,
            To = Last.AddSeconds(1),
        };

        var reference = await ScanAsync(log, filter, parallelism: 1, blockSize: 0);
        var oneCoreSmallBlocks = await ScanAsync(log, filter, parallelism: 1, blockSize: 8 << 10);
        var fourCores = await ScanAsync(log, filter, parallelism: 4, blockSize: 8 << 10);

        // The file must exercise what a merge can get wrong, or the comparison proves nothing.
        Assert.True(new FileInfo(log).Length > 100 * (8 << 10), "the file spans a hundred blocks or more");
        Assert.True(reference.MalformedLines > 20);
        Assert.Contains(reference.FirstMalformed, m => m.Reason == MalformedReason.NulBytes);
        Assert.True(reference.Templates.Count > 20);
        Assert.True(reference.Terminals.Count > 20);
        Assert.Contains(reference.Templates, t => t.FirstSeen.Offset != TimeSpan.Zero || t.LastSeen.Offset != TimeSpan.Zero);

        Assert.Equal(TestLogs.Describe(reference), TestLogs.Describe(oneCoreSmallBlocks));
        Assert.Equal(TestLogs.Describe(reference), TestLogs.Describe(fourCores));
    }

    /// <summary>
    /// A terminal's organization is the one its latest selected line names, whether the names fit in the terminal's own
    /// counter (32 bytes or fewer) or not, and whether they differ in length or only in their last byte; its counts per
    /// kind add up to the scan's.
    /// </summary>
    [Theory]
    [InlineData(1, 0)]
    [InlineData(4, 8 << 10)]
    public async Task ScanAsync_TerminalsMovingBetweenOrganizations_ReportTheLatest(int parallelism, long blockSize)
    {
        const string Long = "an-organization-whose-name-is-longer-than-32-bytes";
        string[][] moves =
        [
            ["org-1", Long + "-a", "org-2"],
            [Long + "-a", Long + "-b"],
            ["org-1234567890123456789012345678", "org-1234567890123456789012345679"],
            ["org-9", "org-98", "org-9"],
            ["org-12345678901234567890123456789", "org-1234567890123456789012345678", "org-12345678901234567890123456789"],
            ["org-12345678901234567890123456789", "org-12345678901234567890123456780"],
        ];
        var text = new StringBuilder();
        var at = First;
        foreach (var step in Enumerable.Range(0, 3))
        {
            for (var terminal = 0; terminal < moves.Length; terminal++)
            {
                var organization = moves[terminal][Math.Min(step, moves[terminal].Length - 1)];
                for (var i = 0; i < 300; i++)
                {
                    at = at.AddMilliseconds(250);
                    text.Append(CultureInfo.InvariantCulture, $"{at:yyyy-MM-dd'T'HH:mm:ss.fff}Z [{(i % 3 == 0 ? "ERROR" : "INFO")}] term=POS-{terminal:0000} org={organization} payment: card declined ref=T-{i}\n");
                }
            }
        }

        var log = _dir.File("moves.log", Encoding.UTF8.GetBytes(text.ToString()));
        var summary = await ScanAsync(log, new LogScanFilter(), parallelism, blockSize);

        Assert.Equal(
            moves.Select((m, terminal) => $"POS-{terminal:0000} {m[^1]}").Order(),
            summary.Terminals.Select(t => $"{t.Terminal} {t.Organization}").Order());
        Assert.All(summary.Terminals, t => Assert.Equal(900, t.Count));
        Assert.All(summary.Terminals, t => Assert.Equal(t.Count, t.Kinds.Values.Sum()));
        Assert.All(
            LogScanFilter.AllKinds,
            kind => Assert.Equal(summary.Kinds.GetValueOrDefault(kind), summary.Terminals.Sum(t => t.Kinds.GetValueOrDefault(kind))));
        Assert.Equal(900 * moves.Length, summary.SelectedLines);
    }

    [Fact]
    public void KindCounts_OneCountPerKind()
    {
        Assert.Equal(KindCounts.Length, Enum.GetValues<LogKind>().Length);
        Assert.Equal(KindCounts.Length - 1, Enum.GetValues<LogKind>().Max(k => (int)k));
    }

    private static async Task<LogScanSummary> ScanAsync(string path, LogScanFilter filter, int parallelism, long blockSize)
    {
        var options = new LogScanOptions { MaxDegreeOfParallelism = parallelism, BlockSize = blockSize, MaxLineLength = 300, MalformedLinesReported = 25 };
        return await TestLogs.Scanner(options).ScanAsync([path], filter);
    }

    /// <summary>A POS log with what makes merging hard: equal timestamps written with different offsets, terminals moving
    /// between organizations, lines out of time order, and malformed lines of every kind.</summary>
    private static byte[] Generate(int lines, int seed)
    {
        var random = new Random(seed);
        var output = new MemoryStream();
        var start = new DateTimeOffset(2026, 11, 19, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < lines; i++)
        {
            var roll = random.Next(400);
            if (roll == 0)
            {
                output.Write("    at PosFleet.Terminal.Sync.UploadAsync() in Sync.cs:line 42\n"u8);
                continue;
            }

            // Whole seconds, a few lines per second, some out of order: many lines share an instant.
            var at = start.AddSeconds((i * 3 / 4) + (random.Next(10) == 0 ? -random.Next(120) : 0));
            if (random.Next(20) == 0)
            {
                // The earliest and latest instants of the window, all over the file: first and last seen tie everywhere.
                at = random.Next(2) == 0 ? First : Last;
            }

            if (random.Next(3) == 0)
            {
                at = at.ToOffset(TimeSpan.FromHours(1));
            }

            var terminal = random.Next(60);
            var organization = random.Next(50) == 0 ? "moved-org" : $"org-{terminal % 7}";
            var message = string.Format(CultureInfo.InvariantCulture, Messages[random.Next(Messages.Length)], random.Next(1000, 1100), random.Next(1, 40), Product(random.Next(60)));
            var line = $"{at:yyyy-MM-dd'T'HH:mm:ssK} [{Levels[random.Next(Levels.Length)]}] term=POS-{terminal:0000} org={organization} {message}";
            output.Write(Encoding.UTF8.GetBytes(line));
            switch (roll)
            {
                case 1: output.Write("\0"u8); break;
                case 2: output.Write([0xC3, 0x28]); break;
                case 3: output.Write(Encoding.UTF8.GetBytes(new string('x', 400))); break;
                case 4: output.Write("\r"u8); break;
                case 5: output.Write("\n"u8); break;
                default: break;
            }

            output.Write("\n"u8);
        }

        output.Write("2026-11-19T12:00:00Z [ERROR] term=POS-0001 org=org-1 truncated last line"u8);
        return output.ToArray();
    }

    private static string Product(int n) => $"{(char)('a' + (n % 26))}{(char)('a' + (n / 26))}";
}
