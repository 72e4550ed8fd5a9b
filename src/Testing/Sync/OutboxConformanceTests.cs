using System.Text.Json;
using PosFleet.Sync.Outbox;
using Xunit;

namespace PosFleet.Testing.Sync;

/// <summary>
/// What every <see cref="IOutbox"/> must do, whatever keeps it (memory, SQLite, PostgreSQL): derive from this class
/// and return a new, empty outbox from <see cref="CreateOutboxAsync"/>. Order, bounded batches and deletion only of
/// what was acknowledged are what let a terminal go offline for days and lose nothing.
/// </summary>
public abstract partial class OutboxConformanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 15, 0, TimeSpan.Zero);

    /// <summary>A new, empty outbox.</summary>
    /// <returns>The outbox.</returns>
    protected abstract Task<IOutbox> CreateOutboxAsync();

    /// <summary>A ticket message whose payload is <c>{"ticket":n,"note":"…"}</c>, created <paramref name="n"/> seconds after 09:15.</summary>
    /// <param name="n">The ticket number.</param>
    /// <param name="note">Text that makes the payload larger.</param>
    /// <returns>The message.</returns>
    protected static OutboxMessage Ticket(int n, string note = "")
    {
        var at = Now.AddSeconds(n);
        using var payload = JsonDocument.Parse($$"""{"ticket":{{n}},"note":"{{JsonEncodedText.Encode(note)}}"}""");
        return new OutboxMessage { Id = Guid.CreateVersion7(at), Type = "ticket", Payload = payload.RootElement.Clone(), CreatedAt = at };
    }

    /// <summary>Messages come back in the order they were enqueued, field by field, with increasing sequences.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Peek_AfterEnqueues_ReturnsThemInOrderFieldByField()
    {
        var outbox = await CreateOutboxAsync();
        var sent = new List<OutboxMessage>();
        foreach (var n in new[] { 3, 1, 2 })
        {
            sent.Add(await outbox.EnqueueAsync(Ticket(n, "é✓"), default));
        }

        var batch = await outbox.PeekAsync(10, 1 << 20, default);

        Assert.Equal(sent.Select(m => m.Id), batch.Select(m => m.Id));
        Assert.True(sent[0].Sequence > 0 && sent[0].Sequence < sent[1].Sequence && sent[1].Sequence < sent[2].Sequence);
        Assert.Equal(sent.Select(m => m.Sequence), batch.Select(m => m.Sequence));
        Assert.Equal(sent.Select(m => (m.Type, m.CreatedAt, m.Payload.GetRawText())), batch.Select(m => (m.Type, m.CreatedAt, m.Payload.GetRawText())));
        Assert.Equal(3, batch[0].Payload.GetProperty("ticket").GetInt32());
        Assert.Equal(3L, await outbox.CountAsync(default));
    }

    /// <summary>Peeking removes nothing: the same batch comes back until it is acknowledged.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Peek_Twice_ReturnsTheSameBatch()
    {
        var outbox = await CreateOutboxAsync();
        await outbox.EnqueueAsync(Ticket(1), default);
        await outbox.EnqueueAsync(Ticket(2), default);

        var first = await outbox.PeekAsync(10, 1 << 20, default);
        var second = await outbox.PeekAsync(10, 1 << 20, default);

        Assert.Equal(2, first.Count);
        Assert.Equal(first.Select(m => m.Id), second.Select(m => m.Id));
    }

    /// <summary>A batch holds at most the count asked for, the oldest first.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Peek_MoreThanMaxCount_ReturnsTheOldestMaxCount()
    {
        var outbox = await CreateOutboxAsync();
        for (var n = 1; n <= 5; n++)
        {
            await outbox.EnqueueAsync(Ticket(n), default);
        }

        var batch = await outbox.PeekAsync(2, 1 << 20, default);

        Assert.Equal([1, 2], batch.Select(m => m.Payload.GetProperty("ticket").GetInt32()));
    }

    /// <summary>A batch stops before the payload bytes would pass the limit, but always holds the first message, however large.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Peek_OverMaxBytes_StopsBeforeTheLimitButAlwaysReturnsTheFirst()
    {
        var outbox = await CreateOutboxAsync();
        var big = new string('x', 4000);
        await outbox.EnqueueAsync(Ticket(1, big), default);
        await outbox.EnqueueAsync(Ticket(2, "small"), default);
        await outbox.EnqueueAsync(Ticket(3, "small"), default);

        var alone = await outbox.PeekAsync(10, 1000, default);
        await outbox.AcknowledgeAsync([alone[0].Id], default);
        var smalls = await outbox.PeekAsync(10, 40, default); // each small payload is 27 bytes

        Assert.Equal([1], alone.Select(m => m.Payload.GetProperty("ticket").GetInt32()));
        Assert.Equal([2], smalls.Select(m => m.Payload.GetProperty("ticket").GetInt32()));
    }

    /// <summary>Acknowledging deletes exactly the ids given; unknown ids are ignored and the rest keep their order.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Acknowledge_SomeIds_DeletesOnlyThose()
    {
        var outbox = await CreateOutboxAsync();
        var messages = new List<OutboxMessage>();
        for (var n = 1; n <= 4; n++)
        {
            messages.Add(await outbox.EnqueueAsync(Ticket(n), default));
        }

        var deleted = await outbox.AcknowledgeAsync([messages[0].Id, messages[2].Id, Guid.CreateVersion7()], default);

        Assert.Equal(2, deleted);
        Assert.Equal([2, 4], (await outbox.PeekAsync(10, 1 << 20, default)).Select(m => m.Payload.GetProperty("ticket").GetInt32()));
        Assert.Equal(2L, await outbox.CountAsync(default));
        Assert.Equal(0, await outbox.AcknowledgeAsync([messages[0].Id], default));
    }

    /// <summary>A sequence is never reused, even once every message was acknowledged, so order holds across an emptied outbox.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Enqueue_AfterEverythingWasAcknowledged_ContinuesTheSequence()
    {
        var outbox = await CreateOutboxAsync();
        var first = await outbox.EnqueueAsync(Ticket(1), default);
        await outbox.AcknowledgeAsync([first.Id], default);

        var second = await outbox.EnqueueAsync(Ticket(2), default);

        Assert.True(second.Sequence > first.Sequence, $"{second.Sequence} after {first.Sequence}");
        Assert.Equal([second.Id], (await outbox.PeekAsync(10, 1 << 20, default)).Select(m => m.Id));
    }

    /// <summary>A second message with the same id is refused and the outbox keeps one.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Enqueue_SameIdTwice_IsRefusedAndKeptOnce()
    {
        var outbox = await CreateOutboxAsync();
        var message = Ticket(1);
        await outbox.EnqueueAsync(message, default);

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await outbox.EnqueueAsync(message with { Type = "other" }, default));

        Assert.Contains(message.Id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(1L, await outbox.CountAsync(default));
    }

    /// <summary>A message without a type is refused, naming what is missing.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Enqueue_WithoutType_IsRefused()
    {
        var outbox = await CreateOutboxAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await outbox.EnqueueAsync(Ticket(1) with { Type = " " }, default));

        Assert.Contains("no type", error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await outbox.CountAsync(default));
    }
}
