using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Tests.Notifications.Engine;

/// <summary>
/// The delivery status over a host's store that ignores the <see cref="NotificationOutboxQuery.Before"/> cursor (and
/// so hands back the newest rows on every page): the pages still end, and no row is listed twice.
/// </summary>
public sealed class NotificationDeliveriesCursorGuardTests
{
    [Fact]
    public async Task QueryAsync_StoreIgnoringTheCursor_PagesEndWithoutRepeatingARow()
    {
        using var h = new NotificationHarness();
        h.Directory.Customer = h.Directory.Customer! with { Email = null };
        for (var i = 1; i <= 4; i++)
        {
            await h.Publisher.PublishAsync(h.Event($"e{i}", ItemEventType.StateChanged, i % 2 == 0 ? "Closed" : "Open", previous: "Waiting"), default);
            h.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var everything = (await h.Get<INotificationDeliveries>().QueryAsync("org-1", new NotificationDeliveryQuery { Limit = 1000 })).Records;
        var deliveries = new NotificationDeliveries(new CursorIgnoringStore(h.Store));

        var walked = new List<NotificationDeliveryRecord>();
        var pages = 0;
        string? after = null;
        do
        {
            Assert.True(++pages <= everything.Count, "The pages never end: the same cursor comes back.");
            var page = await deliveries.QueryAsync("org-1", new NotificationDeliveryQuery { Limit = 3, After = after });
            walked.AddRange(page.Records);
            after = page.Next;
        }
        while (after is not null);

        Assert.True(everything.Count > 6);
        Assert.Equal(everything.Take(3).Select(r => r.Key), walked.Take(3).Select(r => r.Key));
        Assert.Equal(walked.Count, walked.Select(r => r.Key).Distinct().Count());
        // What the pages list is in the newest-first order, never an older row before a newer one.
        Assert.Equal(everything.Select(r => r.Key).Where(walked.Select(w => w.Key).Contains), walked.Select(r => r.Key));
    }

    /// <summary>A store that answers every query as if it were for the first page.</summary>
    private sealed class CursorIgnoringStore(INotificationStore inner) : INotificationStore
    {
        public ValueTask<IReadOnlyList<NotificationOutboxEntry>> QueryOutboxAsync(NotificationOutboxQuery query, CancellationToken cancellationToken) =>
            inner.QueryOutboxAsync(query with { Before = null }, cancellationToken);

        public ValueTask<IReadOnlyList<NotificationSkip>> QuerySkipsAsync(NotificationOutboxQuery query, CancellationToken cancellationToken) =>
            inner.QuerySkipsAsync(query with { Before = null }, cancellationToken);

        public ValueTask<int> AddAsync(NotificationBatch batch, CancellationToken cancellationToken) => inner.AddAsync(batch, cancellationToken);

        public ValueTask<DateTimeOffset?> GetBatchDueAsync(string batchKey, CancellationToken cancellationToken) => inner.GetBatchDueAsync(batchKey, cancellationToken);

        public ValueTask<IReadOnlyList<NotificationOutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, Guid claimToken, CancellationToken cancellationToken) =>
            inner.ClaimDueAsync(now, lease, limit, claimToken, cancellationToken);

        public ValueTask<IReadOnlyList<string>> RenewClaimsAsync(IReadOnlyList<string> keys, Guid claimToken, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
            inner.RenewClaimsAsync(keys, claimToken, leaseUntil, cancellationToken);

        public ValueTask<int> RecordAttemptsAsync(IReadOnlyList<NotificationAttempt> attempts, Guid claimToken, CancellationToken cancellationToken) =>
            inner.RecordAttemptsAsync(attempts, claimToken, cancellationToken);

        public ValueTask<int> CountUnreadAsync(string organizationId, string recipientId, CancellationToken cancellationToken) =>
            inner.CountUnreadAsync(organizationId, recipientId, cancellationToken);

        public ValueTask<NotificationInboxPage> ListInboxAsync(NotificationInboxQuery query, CancellationToken cancellationToken) => inner.ListInboxAsync(query, cancellationToken);

        public ValueTask<int> MarkReadAsync(string organizationId, string recipientId, long? entryId, DateTimeOffset at, CancellationToken cancellationToken) =>
            inner.MarkReadAsync(organizationId, recipientId, entryId, at, cancellationToken);
    }
}
