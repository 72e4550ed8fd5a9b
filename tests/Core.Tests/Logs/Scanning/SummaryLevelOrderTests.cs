using System.Text;
using PosFleet.Logs.Scanning;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>The summary's level counts: the most frequent level first, levels of equal count by name (ordinal).</summary>
public sealed class SummaryLevelOrderTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ScanAsync_LevelsOfManyCounts_MostFrequentFirstThenByName()
    {
        // Written in an order that is neither: WARN once, INFO three times, ERROR three times, DEBUG once, FATAL twice.
        string[] levels = ["WARN", "INFO", "ERROR", "INFO", "DEBUG", "FATAL", "ERROR", "INFO", "FATAL", "ERROR"];
        var log = new StringBuilder();
        for (var i = 0; i < levels.Length; i++)
        {
            log.Append($"2026-11-20T10:00:{i:00}.000Z [{levels[i]}] term=POS-1 tickets: line {i}\n");
        }

        var summary = await TestLogs.Scanner(new LogScanOptions()).ScanAsync([_dir.File("levels.log", Encoding.UTF8.GetBytes(log.ToString()))]);

        KeyValuePair<string, long>[] expected = [new("ERROR", 3), new("INFO", 3), new("FATAL", 2), new("DEBUG", 1), new("WARN", 1)];
        Assert.Equal(expected, summary.Levels.ToArray());
    }
}
