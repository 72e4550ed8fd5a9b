using PosFleet.Sync.Inbox;
using Xunit;

namespace PosFleet.Testing.Sync;

/// <summary>
/// What every <see cref="ISyncInboxStore"/> must do: derive from this class and return a new, empty store from
/// <see cref="CreateStoreAsync"/>. A message is recorded once per terminal, only when its transaction commits, and
/// two transactions racing for the same message cannot both record it — the guarantee behind "exactly one effect".
/// </summary>
public abstract partial class SyncInboxStoreConformanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    /// <summary>A new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<ISyncInboxStore> CreateStoreAsync();

    private static SyncInboxRecord Record(string terminal, Guid id, DateTimeOffset? at = null) => new(terminal, id, "ACME", at ?? Now);

    /// <summary>A new message is recorded once its transaction commits; the same one again is not new.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryRecord_NewThenAgain_TrueThenFalse()
    {
        var store = await CreateStoreAsync();
        var id = Guid.CreateVersion7(Now);

        bool first, second;
        await using (var transaction = await store.BeginAsync(default))
        {
            first = await transaction.TryRecordAsync(Record("till-01", id), default);
            await transaction.CommitAsync(default);
        }

        await using (var transaction = await store.BeginAsync(default))
        {
            second = await transaction.TryRecordAsync(Record("till-01", id), default);
        }

        Assert.True(first);
        Assert.False(second);
        Assert.True(await store.ContainsAsync("till-01", id, default));
    }

    /// <summary>A transaction disposed without committing records nothing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryRecord_NotCommitted_RecordsNothing()
    {
        var store = await CreateStoreAsync();
        var id = Guid.CreateVersion7(Now);

        await using (var transaction = await store.BeginAsync(default))
        {
            Assert.True(await transaction.TryRecordAsync(Record("till-01", id), default));
        }

        Assert.False(await store.ContainsAsync("till-01", id, default));
        await using var again = await store.BeginAsync(default);
        Assert.True(await again.TryRecordAsync(Record("till-01", id), default));
    }

    /// <summary>The same message id from two terminals is two messages.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryRecord_SameIdOtherTerminal_IsNew()
    {
        var store = await CreateStoreAsync();
        var id = Guid.CreateVersion7(Now);

        await using var transaction = await store.BeginAsync(default);
        var first = await transaction.TryRecordAsync(Record("till-01", id), default);
        var other = await transaction.TryRecordAsync(Record("till-02", id), default);
        await transaction.CommitAsync(default);

        Assert.True(first);
        Assert.True(other);
        Assert.True(await store.ContainsAsync("till-02", id, default));
    }

    /// <summary>Transactions racing for one message: exactly one records it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task TryRecord_ConcurrentTransactionsForOneMessage_ExactlyOneRecordsIt()
    {
        var store = await CreateStoreAsync();
        var id = Guid.CreateVersion7(Now);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var transaction = await store.BeginAsync(default);
            var recorded = await transaction.TryRecordAsync(Record("till-01", id), default);
            await Task.Yield();
            await transaction.CommitAsync(default);
            return recorded;
        })));

        Assert.Equal(1, results.Count(r => r));
    }

    /// <summary>A purge deletes the records received before the instant, and only those.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Purge_OlderThan_DeletesOnlyOlderRecords()
    {
        var store = await CreateStoreAsync();
        var old = Guid.CreateVersion7(Now.AddDays(-31));
        var recent = Guid.CreateVersion7(Now.AddDays(-29));
        await using (var transaction = await store.BeginAsync(default))
        {
            await transaction.TryRecordAsync(Record("till-01", old, Now.AddDays(-31)), default);
            await transaction.TryRecordAsync(Record("till-01", recent, Now.AddDays(-29)), default);
            await transaction.CommitAsync(default);
        }

        var deleted = await store.PurgeAsync(Now.AddDays(-30), default);

        Assert.Equal(1L, deleted);
        Assert.False(await store.ContainsAsync("till-01", old, default));
        Assert.True(await store.ContainsAsync("till-01", recent, default));
    }
}
