using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>Where a reference ends, for scan, ingest and search alike (a reference followed by a colon was stored with it).</summary>
public sealed class ReferenceTokenTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("tickets: could not save ticket ref=T-842322: database is locked", "T-842322")]
    [InlineData("tickets: retry (ref=T-17).", "T-17")]
    [InlineData("sale: order=SO/2026/0042#3, paid", "SO/2026/0042#3")]
    [InlineData("sale: ticket=Ñ-12; closed", "Ñ-12")]
    [InlineData("sale: ref=v1.2.3.", "v1.2.3")]
    public async Task ReadEntries_ReferenceFollowedByPunctuation_StoredWithoutIt(string message, string expected)
    {
        var log = _dir.File("till.log", $"2026-11-20T10:15:02.123Z [ERROR] term=POS-1 org=ACME {message}\n");
        var entries = new List<LogEntry>();

        await TestLogs.Scanner().ReadEntriesAsync([log], entries.Add);

        Assert.Equal(expected, Assert.Single(entries).Reference);
    }

    [Fact]
    public async Task ScanAsync_ReferenceFilter_FindsTheLineWhoseReferenceIsFollowedByAColon()
    {
        var log = _dir.File("till.log", "2026-11-20T10:15:02.123Z [ERROR] term=POS-1 org=ACME tickets: could not save ticket ref=T-842322: database is locked\n");

        var exact = await TestLogs.Scanner().ScanAsync([log], new LogScanFilter { Reference = "T-842322" });
        var typedWithColon = await TestLogs.Scanner().ScanAsync([log], new LogScanFilter { Reference = "T-842322:" });

        Assert.Equal(1, exact.SelectedLines);
        Assert.Equal(1, typedWithColon.SelectedLines);
    }
}
