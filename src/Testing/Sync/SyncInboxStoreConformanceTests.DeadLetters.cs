using PosFleet.Sync.Inbox;
using Xunit;

namespace PosFleet.Testing.Sync;

public abstract partial class SyncInboxStoreConformanceTests
{
    private static SyncDeadLetter DeadLetter(string terminal, Guid id, DateTimeOffset at, string reason = "ticket has no lines") =>
        new(terminal, id, "ACME", "ticket", """{"ticket":2}""", reason, at);

    /// <summary>A dead letter is kept only when its transaction commits, with its inbox record, field by field.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordDeadLetter_CommittedOrNot_KeptOnlyWhenCommitted()
    {
        var store = await CreateStoreAsync();
        var kept = Guid.CreateVersion7(Now);
        var dropped = Guid.CreateVersion7(Now.AddSeconds(1));
        await using (var transaction = await store.BeginAsync(default))
        {
            await transaction.TryRecordAsync(Record("till-01", dropped), default);
            await transaction.RecordDeadLetterAsync(DeadLetter("till-01", dropped, Now), default);
        }

        await using (var transaction = await store.BeginAsync(default))
        {
            await transaction.TryRecordAsync(Record("till-01", kept), default);
            await transaction.RecordDeadLetterAsync(DeadLetter("till-01", kept, Now), default);
            await transaction.CommitAsync(default);
        }

        Assert.Equal(DeadLetter("till-01", kept, Now), await store.FindDeadLetterAsync("till-01", kept, default));
        Assert.Null(await store.FindDeadLetterAsync("till-01", dropped, default));
        Assert.Null(await store.FindDeadLetterAsync("till-02", kept, default));
        Assert.False(await store.ContainsAsync("till-01", dropped, default));
        Assert.Equal(1L, await store.CountDeadLettersAsync("till-01", default));
    }

    /// <summary>Dead letters are listed per terminal, the most recent first, at most the count asked.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListDeadLetters_SeveralTerminals_OnlyThatTerminalsMostRecentFirst()
    {
        var store = await CreateStoreAsync();
        var ids = Enumerable.Range(0, 4).Select(i => Guid.CreateVersion7(Now.AddMinutes(i))).ToArray();
        await using (var transaction = await store.BeginAsync(default))
        {
            await transaction.TryRecordAsync(Record("till-01", ids[0]), default);
            await transaction.RecordDeadLetterAsync(DeadLetter("till-01", ids[0], Now, "first"), default);
            await transaction.TryRecordAsync(Record("till-01", ids[1]), default);
            await transaction.RecordDeadLetterAsync(DeadLetter("till-01", ids[1], Now.AddMinutes(2), "third"), default);
            await transaction.TryRecordAsync(Record("till-01", ids[2]), default);
            await transaction.RecordDeadLetterAsync(DeadLetter("till-01", ids[2], Now.AddMinutes(1), "second"), default);
            await transaction.TryRecordAsync(Record("till-02", ids[3]), default);
            await transaction.RecordDeadLetterAsync(DeadLetter("till-02", ids[3], Now.AddMinutes(3), "other terminal"), default);
            await transaction.CommitAsync(default);
        }

        var all = await store.ListDeadLettersAsync("till-01", 10, default);
        var two = await store.ListDeadLettersAsync("till-01", 2, default);

        Assert.Equal(["third", "second", "first"], all.Select(d => d.Reason));
        Assert.Equal(["third", "second"], two.Select(d => d.Reason));
        Assert.Equal(3L, await store.CountDeadLettersAsync("till-01", default));
        Assert.Empty(await store.ListDeadLettersAsync("till-03", 10, default));
    }

    /// <summary>A purge deletes the dead letters rejected before the instant with the inbox records, and keeps the others.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Purge_OlderThan_DeletesOlderDeadLettersToo()
    {
        var store = await CreateStoreAsync();
        var old = Guid.CreateVersion7(Now.AddDays(-31));
        var recent = Guid.CreateVersion7(Now.AddDays(-29));
        await using (var transaction = await store.BeginAsync(default))
        {
            await transaction.TryRecordAsync(Record("till-01", old, Now.AddDays(-31)), default);
            await transaction.RecordDeadLetterAsync(DeadLetter("till-01", old, Now.AddDays(-31)), default);
            await transaction.TryRecordAsync(Record("till-01", recent, Now.AddDays(-29)), default);
            await transaction.RecordDeadLetterAsync(DeadLetter("till-01", recent, Now.AddDays(-29)), default);
            await transaction.CommitAsync(default);
        }

        await store.PurgeAsync(Now.AddDays(-30), default);

        Assert.Null(await store.FindDeadLetterAsync("till-01", old, default));
        Assert.NotNull(await store.FindDeadLetterAsync("till-01", recent, default));
        Assert.Equal(1L, await store.CountDeadLettersAsync("till-01", default));
    }
}
