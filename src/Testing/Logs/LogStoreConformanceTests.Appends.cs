using PosFleet.Logs;
using PosFleet.Logs.Storage;
using Xunit;

namespace PosFleet.Testing.Logs;

/// <content>Appends, checkpoints and retention.</content>
public abstract partial class LogStoreConformanceTests
{
    /// <summary>Appending new entries stores them all and says so.</summary>
    [Fact]
    public async Task AppendAsync_NewEntries_ReturnsHowManyWereNew()
    {
        var store = await CreateStoreAsync();

        var added = await store.AppendAsync(Batch(1, 3), CancellationToken.None);

        Assert.Equal(3, added);
        Assert.Equal(3, (await AllAsync(store)).Count);
    }

    /// <summary>The same batch appended twice (a replay after a crash) is stored once.</summary>
    [Fact]
    public async Task AppendAsync_SameBatchTwice_StoresItOnce()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 5), CancellationToken.None);

        var added = await store.AppendAsync(Batch(1, 5), CancellationToken.None);

        Assert.Equal(0, added);
        Assert.Equal(5, (await AllAsync(store)).Count);
    }

    /// <summary>A batch overlapping what is stored adds only its new lines.</summary>
    [Fact]
    public async Task AppendAsync_OverlappingBatch_StoresOnlyNewLines()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 5), CancellationToken.None);

        var added = await store.AppendAsync(Batch(4, 8), CancellationToken.None);

        Assert.Equal(3, added);
        var lines = (await AllAsync(store)).Select(e => e.Position.Line).Order().ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], lines);
    }

    /// <summary>A batch behind the stored checkpoint (a late replay) stores nothing and does not move the checkpoint back.</summary>
    [Fact]
    public async Task AppendAsync_BatchBehindCheckpoint_StoresNothing()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 8), CancellationToken.None);

        var added = await store.AppendAsync(Batch(3, 5), CancellationToken.None);

        Assert.Equal(0, added);
        Assert.Equal(8, (await AllAsync(store)).Count);
        Assert.Equal(8, (await store.GetCheckpointAsync(Source, CancellationToken.None))!.Line);
    }

    /// <summary>An entry of another source than the checkpoint's is refused, and nothing of the batch is stored.</summary>
    [Fact]
    public async Task AppendAsync_EntryOfAnotherSource_Throws()
    {
        var store = await CreateStoreAsync();
        var stray = Entry(2) with { Position = new LogPosition("/other.log", 2) };

        await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync(new LogBatch([Entry(1), stray], Checkpoint(2)), CancellationToken.None));

        Assert.Empty(await AllAsync(store));
    }

    /// <summary>After a rotation (a new generation), the same line numbers are new entries.</summary>
    [Fact]
    public async Task AppendAsync_NewGeneration_StoresSameLineNumbersAgain()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 3), CancellationToken.None);

        var added = await store.AppendAsync(Batch(1, 2, generation: 1), CancellationToken.None);

        Assert.Equal(2, added);
        Assert.Equal(5, (await AllAsync(store)).Count);
        Assert.Equal(1, (await store.GetCheckpointAsync(Source, CancellationToken.None))!.Generation);
    }

    /// <summary>An empty batch still moves the checkpoint (a block of malformed lines was read).</summary>
    [Fact]
    public async Task AppendAsync_EmptyBatch_MovesCheckpoint()
    {
        var store = await CreateStoreAsync();
        var checkpoint = new IngestCheckpoint(Source, 4096, 40, 7);

        var added = await store.AppendAsync(new LogBatch([], checkpoint), CancellationToken.None);

        Assert.Equal(0, added);
        Assert.Equal(checkpoint, await store.GetCheckpointAsync(Source, CancellationToken.None));
    }

    /// <summary>A canceled append stores nothing, neither entries nor checkpoint.</summary>
    [Fact]
    public async Task AppendAsync_Canceled_StoresNothing()
    {
        var store = await CreateStoreAsync();
        using var canceled = new CancellationTokenSource();
        await canceled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AppendAsync(Batch(1, 3), canceled.Token));

        Assert.Empty(await AllAsync(store));
        Assert.Null(await store.GetCheckpointAsync(Source, CancellationToken.None));
    }

    /// <summary>The checkpoint read back is the one of the last batch, field for field; an unknown source has none.</summary>
    [Fact]
    public async Task GetCheckpointAsync_AfterAppends_ReturnsLastBatchCheckpoint()
    {
        var store = await CreateStoreAsync();
        await store.AppendAsync(Batch(1, 3), CancellationToken.None);
        var last = new IngestCheckpoint(Source, 1234, 6, ulong.MaxValue - 5, "2049:77", 2);
        await store.AppendAsync(new LogBatch([Entry(4), Entry(5), Entry(6)], last), CancellationToken.None);

        Assert.Equal(last, await store.GetCheckpointAsync(Source, CancellationToken.None));
        Assert.Null(await store.GetCheckpointAsync("/never/ingested.log", CancellationToken.None));
    }

    /// <summary>Retention deletes exactly the entries older than the limit, and queries no longer see them.</summary>
    [Fact]
    public async Task DeleteOlderThanAsync_Limit_DeletesOnlyOlderEntries()
    {
        var store = await CreateStoreAsync();
        var entries = Enumerable.Range(1, 30).Select(i => Entry(i, at: Noon.AddMinutes(i))).ToList();
        await store.AppendAsync(new LogBatch(entries, Checkpoint(30)), CancellationToken.None);

        var deleted = await store.DeleteOlderThanAsync(Noon.AddMinutes(11), CancellationToken.None);

        Assert.Equal(10, deleted);
        var left = await AllAsync(store);
        Assert.Equal(20, left.Count);
        Assert.All(left, e => Assert.True(e.Timestamp >= Noon.AddMinutes(11)));
        Assert.Equal(20, (await store.CountAsync(new LogQuery(), CancellationToken.None)).Sum(b => b.Count));
        Assert.Empty((await store.QueryAsync(new LogQuery { Text = "line 3" }, CancellationToken.None)).Entries);
    }
}
