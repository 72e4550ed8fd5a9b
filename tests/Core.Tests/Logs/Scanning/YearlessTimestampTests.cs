using PosFleet.Logs;

namespace PosFleet.Tests.Logs.Scanning;

/// <summary>Timestamps without a year (syslog, logcat) take it from when their file was last written.</summary>
public sealed class YearlessTimestampTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ReadEntriesAsync_SyslogFileCrossingNewYear_DecemberFromTheYearBeforeItsLastWrite(bool ingest)
    {
        var log = _dir.File("messages", "Dec 31 23:59:58 till-7 pos[12]: closing day\nJan  1 00:00:03 till-7 pos[12]: opening day\n");
        File.SetLastWriteTimeUtc(log, new DateTime(2026, 1, 2, 8, 0, 0, DateTimeKind.Utc));

        // The clock says 2030: the year comes from the file, not from now.
        var clock = new TestClock(new DateTimeOffset(2030, 6, 1, 0, 0, 0, TimeSpan.Zero));
        var entries = new List<LogEntry>();
        if (ingest)
        {
            var store = new PosFleet.Logs.Storage.InMemoryLogStore();
            await TestLogs.Ingester(store, time: clock).IngestAsync([log]);
            entries.AddRange((await store.QueryAsync(new PosFleet.Logs.Storage.LogQuery(), CancellationToken.None)).Entries);
        }
        else
        {
            await TestLogs.Scanner(time: clock).ReadEntriesAsync([log], entries.Add);
        }

        Assert.Equal(
            [new DateTimeOffset(2025, 12, 31, 23, 59, 58, TimeSpan.Zero), new DateTimeOffset(2026, 1, 1, 0, 0, 3, TimeSpan.Zero)],
            entries.Select(e => e.Timestamp).Order());
    }
}
