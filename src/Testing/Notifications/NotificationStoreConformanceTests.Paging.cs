using PosFleet.Notifications.Engine;
using Xunit;

namespace PosFleet.Testing.Notifications;

public abstract partial class NotificationStoreConformanceTests
{
    // Added out of order, most of them at one of two instants: the order is (time, key) descending, not insertion.
    private static readonly (string Event, int Seconds)[] PagingRecords =
        [("e07", 0), ("e03", 0), ("e11", -5), ("e01", 0), ("e09", 0), ("e05", 3), ("e02", 3), ("e10", 0), ("e04", -5), ("e08", 3), ("e06", 0), ("e12", 0)];

    /// <summary>
    /// The outbox pages newest first on (time, key) from the cursor of the last entry of each page: through ties in
    /// time, and while newer deliveries are added between pages, every entry comes once, in order, none skipped.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task QueryOutboxAsync_PagedThroughTiesWhileAdding_EachEntryOnceInOrder()
    {
        var store = await CreateStoreAsync();
        var added = PagingRecords.Select(r => Delivery(r.Event) with { CreatedAt = Now.AddSeconds(r.Seconds) }).ToList();
        foreach (var delivery in added)
        {
            await store.AddAsync(new NotificationBatch([delivery], [], []), default);
        }

        await store.AddAsync(new NotificationBatch([Delivery("e99", organization: "org-2")], [], []), default);

        var read = await ReadAllPagesAsync(
            cursor => store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1", Before = cursor, Limit = 5 }, default),
            d => new NotificationOutboxCursor(d.CreatedAt, d.Key),
            // Deliveries of new events, newer than any page: they belong before the cursor, never after it.
            page => store.AddAsync(new NotificationBatch([Delivery($"n{page}") with { CreatedAt = Now.AddMinutes(1) }], [], []), default));

        var expected = added.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.Key, StringComparer.Ordinal).Select(d => d.Key);
        Assert.Equal(expected, read.Select(d => d.Key));
    }

    /// <summary>The skips page the same way, on (time, key) from the cursor, each once, through ties and additions.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task QuerySkipsAsync_PagedThroughTiesWhileAdding_EachSkipOnceInOrder()
    {
        var store = await CreateStoreAsync();
        var added = PagingRecords.Select(r => Skip($"intervention/INT-7/{r.Event}/tech-9/email") with { At = Now.AddSeconds(r.Seconds) }).ToList();
        foreach (var skip in added)
        {
            await store.AddAsync(new NotificationBatch([], [], [skip]), default);
        }

        var read = await ReadAllPagesAsync(
            cursor => store.QuerySkipsAsync(new NotificationOutboxQuery { OrganizationId = "org-1", Before = cursor, Limit = 4 }, default),
            k => new NotificationOutboxCursor(k.At, k.Key),
            page => store.AddAsync(new NotificationBatch([], [], [Skip($"intervention/INT-8/n{page}/tech-9/email") with { At = Now.AddMinutes(1) }]), default));

        var expected = added.OrderByDescending(s => s.At).ThenByDescending(s => s.Key, StringComparer.Ordinal).Select(s => s.Key);
        Assert.Equal(expected, read.Select(s => s.Key));
    }

    /// <summary>
    /// A cursor and the state filter together: only that state's entries past the cursor. Entries of every state lie on
    /// both sides of the cursor, so that a store ignoring either filter lists one too many.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task QueryOutboxAsync_CursorAndState_FiltersBoth()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([.. PagingRecords.Select(r => Delivery(r.Event) with { CreatedAt = Now.AddSeconds(r.Seconds) })], [], []), default);
        // Past the cursor (e06 e03 e01 e11 e04) and before it (e10 e02): some sent, some failed, the others pending.
        await store.ClaimDueAsync(Now, Lease, 100, Claim, default);
        await store.RecordAttemptsAsync(
        [
            new NotificationAttempt(Delivery("e03").Key, NotificationDeliveryState.Sent, 1, Now, null, Now),
            new NotificationAttempt(Delivery("e10").Key, NotificationDeliveryState.Sent, 1, Now, null, Now),
            new NotificationAttempt(Delivery("e11").Key, NotificationDeliveryState.Failed, 1, Now, "550 no such user", Now),
            new NotificationAttempt(Delivery("e02").Key, NotificationDeliveryState.Failed, 1, Now, "550 no such user", Now),
        ], Claim, default);
        var cursor = new NotificationOutboxCursor(Now, "intervention/INT-7/e07/ana/email");

        async Task<string> PastTheCursorAsync(NotificationDeliveryState state) => string.Join(' ', (await store.QueryOutboxAsync(
            new NotificationOutboxQuery { OrganizationId = "org-1", State = state, Before = cursor }, default)).Select(e => e.EventId));

        Assert.Equal("e06 e01 e04", await PastTheCursorAsync(NotificationDeliveryState.Pending));
        Assert.Equal("e03", await PastTheCursorAsync(NotificationDeliveryState.Sent));
        Assert.Equal("e11", await PastTheCursorAsync(NotificationDeliveryState.Failed));
    }

    // Reads page after page from each page's last record until a page comes back empty, adding between pages.
    private static async Task<List<T>> ReadAllPagesAsync<T>(
        Func<NotificationOutboxCursor?, ValueTask<IReadOnlyList<T>>> read, Func<T, NotificationOutboxCursor> cursorOf, Func<int, ValueTask<int>> between)
    {
        var all = new List<T>();
        NotificationOutboxCursor? cursor = null;
        for (var page = 0; page < 50; page++)
        {
            var records = await read(cursor);
            if (records.Count == 0)
            {
                return all;
            }

            all.AddRange(records);
            cursor = cursorOf(records[^1]);
            await between(page);
        }

        throw new InvalidOperationException("The pages never ended: the cursor does not advance.");
    }
}
