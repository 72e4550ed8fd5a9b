using PosFleet.Logs;
using PosFleet.Logs.Ingest;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Storage;

namespace PosFleet.Tests.Logs.Ingest;

public sealed class LogFileReaderTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly LogScanner _scanner = new(new LogScanOptions());

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task ReadAsync_ResumedFromEveryCheckpointAroundAnOverLongLine_SamePositionsAsAnUninterruptedRead()
    {
        // Line 4 is longer than the reader's buffer, so it is read (and skipped) over several blocks.
        var log = _dir.File("till.log", Lines(1, 3) + Line(4, new string('x', 700 * 1024)) + Lines(5, 7));
        var (whole, checkpoints) = await ReadAsync(log, null);

        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6, 7 }, whole.Select(e => e.Position.Line));
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
        Assert.Equal(new long[] { 3, 4, 5 }, second.Select(e => e.Position.Line));
    }

    private static string Line(int i, string message) =>
        $"2026-11-20T10:00:{i % 60:00}.000Z [INFO] term=POS-0001 org=ACME tickets: {message} ref=T-{i}\n";

    private static string Lines(int first, int last) => string.Concat(Enumerable.Range(first, last - first + 1).Select(i => Line(i, "ticket closed")));

    /// <summary>Reads the file from a checkpoint: its entries, and each checkpoint with how many entries came before it.</summary>
    private async Task<(List<LogEntry> Entries, List<(IngestCheckpoint Checkpoint, int EntriesBefore)> Checkpoints)> ReadAsync(string path, IngestCheckpoint? from)
    {
        var entries = new List<LogEntry>();
        var checkpoints = new List<(IngestCheckpoint, int)>();
        var reader = new LogFileReader(_scanner, new LogIngestOptions());
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
        var reader = new LogFileReader(_scanner, new LogIngestOptions());
        var outcome = await reader.ReadAsync(path, from, _ => ValueTask.CompletedTask, CancellationToken.None);
        return outcome.Checkpoint;
    }
}
