using PosFleet.Logs;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Ingest;

public sealed class LogIngesterTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly ObservedLogStore _store = new(new InMemoryLogStore());
    private readonly ILogIngester _ingester;

    public LogIngesterTests() => _ingester = TestLogs.Ingester(_store);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task IngestAsync_SecondRunAfterAppend_StoresOnlyTheNewLines()
    {
        var log = _dir.File("till.log", Lines(1, 3));
        var first = await _ingester.IngestAsync([log]);
        File.AppendAllText(log, Lines(4, 5));

        var second = await _ingester.IngestAsync([log]);

        Assert.Equal(3, first.NewEntries);
        Assert.Equal(2, second.NewEntries);
        Assert.Equal(2, second.LinesRead);
        Assert.Equal(new long[] { 1, 2, 3, 4, 5 }, await StoredLinesAsync());
        var checkpoint = await _store.GetCheckpointAsync(log, CancellationToken.None);
        Assert.Equal(new FileInfo(log).Length, checkpoint!.Offset);
        Assert.Equal(5, checkpoint.Line);
    }

    [Fact]
    public async Task IngestAsync_Unchanged_StoresNothing()
    {
        var log = _dir.File("till.log", Lines(1, 3));
        await _ingester.IngestAsync([log]);

        var again = await _ingester.IngestAsync([log]);

        Assert.Equal(0, again.NewEntries);
        Assert.Equal(0, again.LinesRead);
    }

    [Fact]
    public async Task IngestAsync_FileTruncated_ReadAgainFromItsStartAsANewGeneration()
    {
        var log = _dir.File("till.log", Lines(1, 5));
        await _ingester.IngestAsync([log]);
        File.WriteAllText(log, Lines(10, 11));

        var summary = await _ingester.IngestAsync([log]);

        Assert.True(Assert.Single(summary.Sources).Restarted);
        Assert.Equal(2, summary.NewEntries);
        Assert.Equal(7, await CountAsync());
        Assert.Equal(1, (await _store.GetCheckpointAsync(log, CancellationToken.None))!.Generation);
    }

    [Fact]
    public async Task IngestAsync_FileReplacedByALongerOne_ReadAgainFromItsStart()
    {
        var log = _dir.File("till.log", Lines(1, 3));
        await _ingester.IngestAsync([log]);
        File.WriteAllText(log, Lines(21, 26)); // rotated: a new file, longer than the old one, with other first bytes

        var summary = await _ingester.IngestAsync([log]);

        Assert.True(Assert.Single(summary.Sources).Restarted);
        Assert.Equal(6, summary.NewEntries);
        Assert.Equal(9, await CountAsync());
    }

    [Fact]
    public async Task IngestAsync_LastLineWithoutNewline_LeftForTheNextRun()
    {
        var log = _dir.File("till.log", Lines(1, 2) + "2026-11-20T10:00:03.000Z [INFO] term=POS-0001 org=ACME tickets: ticket clo");

        var first = await _ingester.IngestAsync([log]);
        File.AppendAllText(log, "sed ref=T-3\n");
        var second = await _ingester.IngestAsync([log]);

        Assert.Equal(2, first.NewEntries);
        Assert.True(Assert.Single(first.Sources).PendingBytes > 0);
        Assert.Equal(1, second.NewEntries);
        var page = await _store.QueryAsync(new LogQuery { Reference = "T-3" }, CancellationToken.None);
        Assert.Equal("ticket closed ref=T-3", Assert.Single(page.Entries).Message);
    }

    [Fact]
    public async Task IngestAsync_MalformedLines_CountedWithPositionAndSkipped()
    {
        var log = _dir.File("till.log", Lines(1, 2) + "2026-13-45T99:00:00Z [ERROR] impossible date\n" + Lines(4, 4));

        var summary = await _ingester.IngestAsync([log]);

        Assert.Equal(3, summary.NewEntries);
        Assert.Equal(1, summary.MalformedLines);
        Assert.Equal(new PosFleet.Logs.LogPosition(log, 3), Assert.Single(summary.FirstMalformed).Position);
    }

    [Fact]
    public async Task IngestAsync_LineWithoutTimestamp_StoredUntimedWithTheTimeOfTheEntryAbove()
    {
        var log = _dir.File("till.log", Lines(1, 2) + "not a log line at all\n" + Lines(4, 4));

        var summary = await _ingester.IngestAsync([log]);
        var page = await _store.QueryAsync(new LogQuery { Text = "not a log line" }, CancellationToken.None);

        Assert.Equal(4, summary.NewEntries);
        Assert.Equal(0, summary.MalformedLines);
        var entry = Assert.Single(page.Entries);
        Assert.Equal(3, entry.Position.Line);
        Assert.Equal(Assert.Single((await _store.QueryAsync(new LogQuery { Reference = "T-2" }, CancellationToken.None)).Entries).Timestamp, entry.Timestamp);
    }

    [Fact]
    public async Task IngestAsync_OrganizationAndTerminalGiven_NameLinesThatHaveNone()
    {
        var log = _dir.File("till.log", "2026-11-20T10:00:01.000Z [ERROR] printer: paper out\n");

        await _ingester.IngestAsync([log], new LogIngestOptions { Terminal = "POS-0099", Organization = "ACME" });

        var entry = Assert.Single((await _store.QueryAsync(new LogQuery(), CancellationToken.None)).Entries);
        Assert.Equal(("POS-0099", "ACME"), (entry.Terminal, entry.Organization));
    }

    [Fact]
    public async Task IngestAsync_Follow_PicksUpGrowthAndRotationAndStoresEverythingReadWhenCanceled()
    {
        var log = _dir.File("till.log", Lines(1, 2));
        using var stop = new CancellationTokenSource();
        var following = _ingester.IngestAsync([log], new LogIngestOptions { Follow = true, PollInterval = TimeSpan.FromMilliseconds(20) }, cancellationToken: stop.Token);

        await WaitForAsync(2);
        File.AppendAllText(log, Lines(3, 4));
        await WaitForAsync(4);
        File.Move(log, log + ".1");
        File.WriteAllText(log, Lines(31, 39));
        await WaitForAsync(13);
        await stop.CancelAsync();
        var summary = await following;

        Assert.True(summary.Canceled);
        Assert.Equal(13, summary.NewEntries);
        Assert.Equal(13, await CountAsync());
    }

    [Fact]
    public async Task IngestAsync_FollowedFileTruncatedToEmptyThenWritten_StoresEveryNewLine()
    {
        var log = _dir.File("till.log", Lines(1, 10));
        var clock = new TestClock();
        var options = new LogIngestOptions { Follow = true };
        using var stop = new CancellationTokenSource();
        var following = TestLogs.Ingester(_store, time: clock).IngestAsync([log], options, cancellationToken: stop.Token);

        await clock.WaitForTimersAsync(1);
        await WaitForAsync(10);
        File.WriteAllText(log, string.Empty); // copytruncate
        clock.Advance(options.PollInterval);
        await clock.WaitForTimersAsync(2); // the follower has seen the file empty
        File.AppendAllText(log, Lines(41, 45));
        clock.Advance(options.PollInterval);
        await WaitForAsync(15);
        await stop.CancelAsync();
        var summary = await following;

        Assert.Equal(15, summary.LinesRead);
        Assert.Equal(15, summary.NewEntries);
        Assert.Equal(1, (await _store.GetCheckpointAsync(log, CancellationToken.None))!.Generation);
    }

    [Fact]
    public async Task IngestAsync_FollowedFileEndsInsideAnOverLongLine_ReportedOnceAndNeverStored()
    {
        var log = _dir.File("till.log", Lines(1, 2) + Lines(3, 3).TrimEnd('\n') + new string('x', 600 * 1024));
        var clock = new TestClock();
        var options = new LogIngestOptions { Follow = true };
        using var stop = new CancellationTokenSource();
        var following = TestLogs.Ingester(_store, time: clock).IngestAsync([log], options, cancellationToken: stop.Token);

        for (var pass = 1; pass <= 4; pass++)
        {
            await clock.WaitForTimersAsync(pass);
            clock.Advance(options.PollInterval);
        }

        await clock.WaitForTimersAsync(5);
        File.AppendAllText(log, "\n" + Lines(4, 5));
        clock.Advance(options.PollInterval);
        await WaitForAsync(4);
        await stop.CancelAsync();
        var summary = await following;

        Assert.Equal(0, summary.MalformedLines);
        Assert.Equal(1, summary.OverLongLines);
        Assert.Equal(new LogPosition(log, 3), Assert.Single(summary.FirstOverLong));
        Assert.Equal((5L, 4L), (summary.LinesRead, summary.NewEntries));
        Assert.Equal(new long[] { 1, 2, 4, 5 }, await StoredLinesAsync()); // the over-long line 3 is never stored
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task IngestAsync_DirectoryWithSymlinkLoopsAndAFifo_StoresEachLineOnceAndReportsWhatWasSkipped()
    {
        // What the hosted ingest service tails: a folder. Walked by path, the two loops never end and the FIFO blocks.
        var root = Path.Combine(_dir.Path, "pos");
        _dir.File("pos/till.log", Lines(1, 3));
        File.CreateSymbolicLink(Path.Combine(root, "self"), "../pos");
        File.CreateSymbolicLink(Path.Combine(root, "again"), ".");
        var fifo = TestFiles.Fifo(Path.Combine(root, "pipe.log"));

        var summary = await _ingester.IngestAsync([root]).WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal((3L, 3L), (summary.LinesRead, summary.NewEntries));
        Assert.Equal(new long[] { 1, 2, 3 }, await StoredLinesAsync());
        Assert.Equal(
            [Path.Combine(root, "again"), fifo, Path.Combine(root, "self")],
            summary.Skipped.Select(s => s.Source));
        Assert.Empty(summary.Errors);
    }

    [Fact]
    public async Task IngestAsync_SameFileSpelledThreeWays_StoredOnce()
    {
        var log = _dir.File("till.log", Lines(1, 3));
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, log);
        var dotted = Path.Combine(Path.GetDirectoryName(log)!, ".", "till.log");

        var together = await _ingester.IngestAsync([relative, dotted, log]);
        var again = await _ingester.IngestAsync([dotted]);

        Assert.Equal(3, together.NewEntries);
        Assert.Equal(0, again.NewEntries);
        Assert.Equal(3, await CountAsync());
        Assert.Equal(log, Assert.Single(together.Sources).Source);
    }

    private static string Lines(int first, int last) => string.Concat(Enumerable.Range(first, last - first + 1).Select(i =>
        $"2026-11-20T10:00:{i % 60:00}.000Z [INFO] term=POS-0001 org=ACME tickets: ticket closed ref=T-{i}\n"));

    private async Task WaitForAsync(int entries)
    {
        await _store.WaitUntilAsync(async () => await CountAsync() >= entries);

        Assert.Equal(entries, await CountAsync());
    }

    private async Task<long> CountAsync() => (await _store.CountAsync(new LogQuery(), CancellationToken.None)).Sum(b => b.Count);

    private async Task<long[]> StoredLinesAsync() =>
        [.. (await _store.QueryAsync(new LogQuery { Limit = 1000 }, CancellationToken.None)).Entries.Select(e => e.Position.Line).Order()];
}
