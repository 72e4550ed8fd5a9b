using PosFleet.Sync.Outbox;
using Xunit;

namespace PosFleet.Testing.Sync;

public abstract partial class OutboxConformanceTests
{
    /// <summary>
    /// A rejected message leaves the outbox (the ones after it are peeked) and is kept among the rejected messages,
    /// field by field, with its reason; unknown ids are ignored, and a rejection that comes again moves nothing.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task Reject_SomeIds_MovesThemOutOfTheOutboxAndKeepsThemWithTheReason()
    {
        var outbox = await CreateOutboxAsync();
        var messages = new List<OutboxMessage>();
        for (var n = 1; n <= 3; n++)
        {
            messages.Add(await outbox.EnqueueAsync(Ticket(n, "note " + n), default));
        }

        var at = Now.AddHours(1);
        var moved = await outbox.RejectAsync([new(messages[1].Id, "no handler for 'ticket'"), new(Guid.CreateVersion7(), "unknown")], at, default);
        var again = await outbox.RejectAsync([new(messages[1].Id, "no handler for 'ticket'")], at, default);

        Assert.Equal((1, 0), (moved, again));
        Assert.Equal([1, 3], (await outbox.PeekAsync(10, 1 << 20, default)).Select(m => m.Payload.GetProperty("ticket").GetInt32()));
        Assert.Equal(2L, await outbox.CountAsync(default));
        var kept = Assert.Single(await outbox.ListRejectedAsync(10, default));
        Assert.Equal((messages[1].Id, messages[1].Sequence, "ticket", messages[1].CreatedAt, "no handler for 'ticket'", at),
            (kept.Message.Id, kept.Message.Sequence, kept.Message.Type, kept.Message.CreatedAt, kept.Reason, kept.RejectedAt));
        Assert.Equal(messages[1].Payload.GetRawText(), kept.Message.Payload.GetRawText());
        Assert.Equal(1L, await outbox.CountRejectedAsync(default));
    }

    /// <summary>Rejected messages are listed the most recently rejected first, at most the count asked.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ListRejected_SeveralRejections_MostRecentFirst()
    {
        var outbox = await CreateOutboxAsync();
        var first = await outbox.EnqueueAsync(Ticket(1), default);
        var second = await outbox.EnqueueAsync(Ticket(2), default);
        await outbox.RejectAsync([new(second.Id, "earlier")], Now.AddMinutes(1), default);
        await outbox.RejectAsync([new(first.Id, "later")], Now.AddMinutes(2), default);

        Assert.Equal(["later", "earlier"], (await outbox.ListRejectedAsync(10, default)).Select(r => r.Reason));
        Assert.Equal(["later"], (await outbox.ListRejectedAsync(1, default)).Select(r => r.Reason));
        Assert.Equal(0L, await outbox.CountAsync(default));
    }
}
