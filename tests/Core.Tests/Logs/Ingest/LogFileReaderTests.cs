using PosFleet.Logs;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Ingest;

public sealed class LogFileReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LogParsing _parsing = new(new LogScanOptions(), TimeProvider.System);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReadAsync_ResumedFromEveryCheckpointAroundAnOverLongLine_SamePositionsAsAnUninterruptedRead()
    {
        // Line 4 is longer than the reader's buffer, so it is read (and skipped) over several blocks.
        var log = _dir.File("till.log", Lines(1, 3) + Line(4, new string('x', 700 * 1024)) + Lines(5, 7));
        var (whole, checkpoints) = await ReadAsync(log, null);

        Assert.Equal(new long[] { 1, 2, 3, 5, 6, 7 }, whole.Select(e => e.Position.Line)); // line 4 is over-long: skipped
        foreach (var (checkpoint, storedBefore) in checkpoints)
        {
            // A kill right after this checkpoint was committed: the next run goes on from it.
            var (rest, _) = await ReadAsync(log, checkpoint);

            Assert.Equal(whole.Skip(storedBefore).Select(e => e.Position), rest.Select(e => e.Position));
        }
    }

    [Fact]
    public async Task ReadAsync_FileEndsInsideAnOverLongLine_CheckpointStaysBeforeIt()
    {
        var log = _dir.File("till.log", Lines(1, 2) + Line(3, new string('x', 600 * 1024)).TrimEnd('\n'));
        var (first, _) = await ReadAsync(log, null);
        var reached = await LastCheckpointAsync(log, null);
        File.AppendAllText(log, "\n" + Lines(4, 5));

        var (second, _) = await ReadAsync(log, reached);

        Assert.Equal(new long[] { 1, 2 }, first.Select(e => e.Position.Line));
        Assert.Equal(2, reached!.Line);
        Assert.Equal(new long[] { 4, 5 }, second.Select(e => e.Position.Line)); // line 3 is over-long: skipped
    }

    [Fact]
    public async Task ReadAsync_FileEndsInsideAnOverLongLineOnEveryPass_ReportedOnceAndOnlyNewBytesRead()
    {
        var log = _dir.File("till.log", Lines(1, 2) + Line(3, new string('x', 600 * 1024)).TrimEnd('\n'));
        var reader = new LogFileReader(_parsing, new LogIngestOptions());
        var entries = new List<LogEntry>();
        ValueTask Collect(IngestChunk chunk)
        {
            entries.AddRange(chunk.Entries);
            return ValueTask.CompletedTask;
        }

        var first = await reader.ReadAsync(log, null, Collect, CancellationToken.None);
        var readFirst = reader.BytesRead;
        var unchanged = await reader.ReadAsync(log, first.Checkpoint, Collect, CancellationToken.None);
        unchanged = await reader.ReadAsync(log, unchanged.Checkpoint, Collect, CancellationToken.None);
        var readUnchanged = reader.BytesRead;
        File.AppendAllText(log, new string('y', 100 * 1024));
        var grown = await reader.ReadAsync(log, unchanged.Checkpoint, Collect, CancellationToken.None);
        var readGrown = reader.BytesRead;
        File.AppendAllText(log, "\n" + Lines(4, 5));
        var ended = await reader.ReadAsync(log, grown.Checkpoint, Collect, CancellationToken.None);

        Assert.Equal(readFirst, readUnchanged);
        Assert.Equal(readUnchanged + (100 * 1024), readGrown);
        Assert.Equal(first.Checkpoint, grown.Checkpoint); // still before the unfinished line, for another ingest
        Assert.Equal(first.PendingBytes + (100 * 1024), grown.PendingBytes);
        Assert.Equal((2L, 0L, 0L, 3L), (first.Lines, unchanged.Lines, grown.Lines, ended.Lines));
        Assert.Equal(new long[] { 1, 2, 4, 5 }, entries.Select(e => e.Position.Line)); // the over-long line 3 is never an entry
        Assert.Equal(5, ended.Checkpoint!.Line);
        Assert.Equal(0, reader.MalformedLines);
        Assert.Equal(1, reader.OverLongLines);
        Assert.Equal(3, Assert.Single(reader.FirstOverLong).Line);
    }

    [Fact]
    public async Task ReadAsync_FileEndingInsideAnOverLongLineReplaced_ReadFromTheStartOfTheNewFile()
    {
        var log = _dir.File("till.log", Line(1, new string('x', 600 * 1024)).TrimEnd('\n'));
        var reader = new LogFileReader(_parsing, new LogIngestOptions());
        var first = await reader.ReadAsync(log, null, _ => ValueTask.CompletedTask, CancellationToken.None);
        File.Move(log, log + ".1");
        File.WriteAllText(log, Lines(1, 2) + Line(3, new string('z', 600 * 1024)) + Lines(4, 4));
        var entries = new List<LogEntry>();

        var second = await reader.ReadAsync(log, first.Checkpoint, chunk =>
        {
            entries.AddRange(chunk.Entries);
            return ValueTask.CompletedTask;
        }, CancellationToken.None);

        Assert.Null(first.Checkpoint);
        Assert.Equal(new long[] { 1, 2, 4 }, entries.Select(e => e.Position.Line));
        Assert.Equal(4, second.Checkpoint!.Line);
    }

    [Fact]
    public async Task ReadAsync_StackTracesAcrossBlocks_NoCheckpointInsideAnEntryAndResumesGiveWholeEntries()
    {
        // About 1.3 MB: the reader's blocks (256 KiB) end inside stack traces unless it holds their entry back.
        var log = _dir.File("till.log", string.Concat(Enumerable.Range(1, 6000).Select(i => Line(i, "sync failed")
            + "System.Net.Http.HttpRequestException: Connection refused\n"
            + "   at PosFleet.Terminal.Sync.UploadAsync() in Sync.cs:line 42\n"
            + "   at PosFleet.Terminal.Sync.RunAsync() in Sync.cs:line 7\n")));
        var bytes = await File.ReadAllBytesAsync(log);
        var (whole, checkpoints) = await ReadAsync(log, null);

        Assert.Equal(6000, whole.Count);
        Assert.All(whole, e => Assert.EndsWith("RunAsync() in Sync.cs:line 7", e.Message, StringComparison.Ordinal));
        Assert.True(checkpoints.Count > 3, "the file is read in several blocks");
        foreach (var (checkpoint, storedBefore) in checkpoints)
        {
            // Every checkpoint is at the end of the file or at the first line of an entry.
            Assert.True(checkpoint.Offset == bytes.Length || bytes[checkpoint.Offset] == '2', $"checkpoint at byte {checkpoint.Offset} is inside an entry");

            // A kill right after this checkpoint was committed: the next run goes on from it with whole entries.
            var (rest, _) = await ReadAsync(log, checkpoint);
            Assert.Equal(whole.Skip(storedBefore).Select(e => (e.Position, e.Message)), rest.Select(e => (e.Position, e.Message)));
        }
    }

    private static string Line(int i, string message) =>
        $"2026-11-20T10:00:{i % 60:00}.000Z [INFO] term=POS-0001 org=ACME tickets: {message} ref=T-{i}\n";

    private static string Lines(int first, int last) => string.Concat(Enumerable.Range(first, last - first + 1).Select(i => Line(i, "ticket closed")));

    /// <summary>Reads the file from a checkpoint: its entries, and each checkpoint with how many entries came before it.</summary>
    private async Task<(List<LogEntry> Entries, List<(IngestCheckpoint Checkpoint, int EntriesBefore)> Checkpoints)> ReadAsync(string path, IngestCheckpoint? from)
    {
        var entries = new List<LogEntry>();
        var checkpoints = new List<(IngestCheckpoint, int)>();
        var reader = new LogFileReader(_parsing, new LogIngestOptions());
        await reader.ReadAsync(path, from, chunk =>
        {
            entries.AddRange(chunk.Entries);
            checkpoints.Add((chunk.Checkpoint, entries.Count));
            return ValueTask.CompletedTask;
        }, CancellationToken.None);
        return (entries, checkpoints);
    }

    private async Task<IngestCheckpoint?> LastCheckpointAsync(string path, IngestCheckpoint? from)
    {
        var reader = new LogFileReader(_parsing, new LogIngestOptions());
        var outcome = await reader.ReadAsync(path, from, _ => ValueTask.CompletedTask, CancellationToken.None);
        return outcome.Checkpoint;
    }
}
