using System.Globalization;

namespace PosFleet.Cli.Tests.Sync;

/// <summary><c>posfleet demo</c> ends with a back office and three terminals syncing in one process: its figures are the stores'.</summary>
public sealed class DemoSyncTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Demo_SyncSection_PrintedFiguresMatchTheStores()
    {
        var (code, stdout, stderr) = await PosFleetProcess.RunAsync("demo", "--dir", _dir.Path, "--size", "1MB");

        Assert.True(code == 0, stderr);
        Assert.Contains("Scanning the last 24 hours", stdout, StringComparison.Ordinal);             // the earlier sections are still there
        Assert.DoesNotContain("Malformed lines", stdout, StringComparison.Ordinal);                   // its stack frames belong to their entries
        Assert.Matches("continuation lines \\(stack frames, part of the entry above\\): [1-9]", stdout);
        var backOffice = Path.Combine(_dir.Path, "sync", "backoffice.db");
        var rows = stdout.Split('\n').Where(l => l.StartsWith("  till-", StringComparison.Ordinal)).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(3, rows.Count);
        long total = 0;
        foreach (var row in rows)
        {
            var terminal = row[0];
            var till = Path.Combine(_dir.Path, "sync", terminal + ".db");
            var written = long.Parse(row[1], CultureInfo.InvariantCulture);
            var acknowledged = long.Parse(row[3], CultureInfo.InvariantCulture);
            Assert.Equal(Count(till, "SELECT COUNT(*) FROM tickets"), written);
            Assert.Equal(Count(backOffice, $"SELECT COUNT(*) FROM tickets WHERE terminal = '{terminal}'"), long.Parse(row[4], CultureInfo.InvariantCulture));
            Assert.Equal(written, acknowledged);
            Assert.Equal(written, long.Parse(row[4], CultureInfo.InvariantCulture));
            Assert.Equal(Count(till, "SELECT COUNT(*) FROM sync_outbox"), long.Parse(row[5], CultureInfo.InvariantCulture));
            Assert.Equal(SyncFiles.Rows(till, "SELECT printf('%.2f', price) FROM items WHERE id = 1").Single(), row[7]);
            Assert.Equal("1.70", row[7]);
            total += written;
        }

        Assert.Equal(total, Count(backOffice, "SELECT COUNT(DISTINCT id) FROM tickets"));
        Assert.Equal(total, Count(backOffice, "SELECT COUNT(*) FROM tickets"));
        Assert.Contains(rows, r => r[0] == "till-3" && string.Join(' ', r).Contains("rounds 2-4 (3 syncs unreachable)", StringComparison.Ordinal));
    }

    private static long Count(string path, string sql) => long.Parse(SyncFiles.Rows(path, sql).Single(), CultureInfo.InvariantCulture);
}
