using PosFleet.Logs;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <content>Checkpoints committed with their entries; resume and replay read nothing twice.</content>
public abstract partial class LogIngestConformanceTests
{
    /// <summary>After every append the store's checkpoint of the file covers exactly the entries stored from it.</summary>
    [Fact]
    public async Task IngestAsync_SeveralBatches_EachCheckpointCommittedWithItsEntries()
    {
        // Lines are handed to the store in blocks of whole lines (256 KiB): 5,000 lines make two appends.
        var log = File("till.log", Lines(1, 5_000));
        var store = new ObservedStore(await CreateStoreAsync());

        var summary = await IngestAsync(store, [log], batchSize: 2);

        Assert.True(store.Appends.Count >= 2, $"5,000 lines took {store.Appends.Count} append(s).");
        foreach (var (checkpoint, stored) in store.Appends)
        {
            Assert.Equal(checkpoint.Line, stored);
        }

        Assert.Equal(5_000, summary.NewEntries);
        Assert.Equal(5_000, (await store.GetCheckpointAsync(log, CancellationToken.None))?.Line);
        Assert.Equal(Expected(1, 5_000), await StoredAsync(store, log));
    }

    /// <summary>A second ingest of an unchanged file reads from its checkpoint: nothing is read or stored again.</summary>
    [Fact]
    public async Task IngestAsync_UnchangedFileAgain_ReadsNothing()
    {
        var log = File("till.log", Lines(1, 3));
        var store = await CreateStoreAsync();
        await IngestAsync(store, [log]);

        var again = await IngestAsync(store, [log]);

        Assert.Equal((0L, 0L), (again.LinesRead, again.NewEntries));
        Assert.Equal(Expected(1, 3), await StoredAsync(store, log));
    }

    /// <summary>Lines appended after an ingest are read from the checkpoint, with their own line numbers.</summary>
    [Fact]
    public async Task IngestAsync_LinesAppended_ResumesFromTheCheckpoint()
    {
        var log = File("till.log", Lines(1, 3));
        var store = await CreateStoreAsync();
        await IngestAsync(store, [log]);
        System.IO.File.AppendAllText(log, Lines(4, 5));

        var resumed = await IngestAsync(store, [log]);

        Assert.Equal((2L, 2L, false), (resumed.LinesRead, resumed.NewEntries, Assert.Single(resumed.Sources).Restarted));
        Assert.Equal(Expected(1, 5), await StoredAsync(store, log));
    }

    /// <summary>
    /// A process that dies between two appends loses nothing it committed and, started again, stores every other line
    /// once: the checkpoint it resumes from is the one committed with the last stored entries.
    /// </summary>
    [Fact]
    public async Task IngestAsync_CrashBetweenBatches_ReplayStoresEveryLineOnce()
    {
        var log = File("till.log", Lines(1, 5_000));
        var crashing = new ObservedStore(await CreateStoreAsync()) { CrashAtAppend = 2 };

        await Assert.ThrowsAsync<IOException>(() => IngestAsync(crashing, [log], batchSize: 2));
        var store = await ReopenStoreAsync(crashing.Inner);
        var committed = await StoredAsync(store, log);
        var checkpoint = await store.GetCheckpointAsync(log, CancellationToken.None);
        var replay = await IngestAsync(store, [log], batchSize: 2);

        Assert.NotEmpty(committed);
        Assert.Equal(committed.Count, checkpoint?.Line);
        Assert.Equal(5_000 - committed.Count, replay.NewEntries);
        Assert.Equal(Expected(1, 5_000), await StoredAsync(store, log));
    }

    /// <summary>A store that records what each append committed, and can die before one, as a killed process would.</summary>
    private sealed class ObservedStore(ILogStore inner) : ILogStore
    {
        public ILogStore Inner => inner;

        /// <summary>The append (1-based) at which the process "dies": nothing of it reaches the store.</summary>
        public int CrashAtAppend { get; init; }

        /// <summary>Each append's checkpoint, and how many entries of its source were stored right after it.</summary>
        public List<(IngestCheckpoint Checkpoint, long Stored)> Appends { get; } = [];

        public async ValueTask<int> AppendAsync(LogBatch batch, CancellationToken cancellationToken)
        {
            if (Appends.Count + 1 == CrashAtAppend)
            {
                throw new IOException("The process was killed between two appends.");
            }

            var added = await inner.AppendAsync(batch, cancellationToken);
            Appends.Add((batch.Checkpoint, (await StoredAsync(inner, batch.Checkpoint.Source)).Count));
            return added;
        }

        public ValueTask<IngestCheckpoint?> GetCheckpointAsync(string source, CancellationToken cancellationToken) => inner.GetCheckpointAsync(source, cancellationToken);

        public ValueTask<LogPage> QueryAsync(LogQuery query, CancellationToken cancellationToken) => inner.QueryAsync(query, cancellationToken);

        public ValueTask<IReadOnlyList<LogCountBucket>> CountAsync(LogQuery query, CancellationToken cancellationToken) => inner.CountAsync(query, cancellationToken);

        public ValueTask<IReadOnlyList<LogTemplateGroup>> GroupByTemplateAsync(LogQuery query, int limit, CancellationToken cancellationToken) =>
            inner.GroupByTemplateAsync(query, limit, cancellationToken);

        public ValueTask<IReadOnlyList<LogTerminalGroup>> GroupByTerminalAsync(LogQuery query, int limit, CancellationToken cancellationToken) =>
            inner.GroupByTerminalAsync(query, limit, cancellationToken);

        public ValueTask<long> DeleteOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) => inner.DeleteOlderThanAsync(olderThan, cancellationToken);
    }
}
