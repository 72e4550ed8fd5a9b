using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Tests.Notifications.Engine;

public sealed class NotificationDeliveriesTests
{
    [Fact]
    public async Task QueryAsync_FailedDeliveryAndSkip_ListsBothNewestFirstWithStatusAndReason()
    {
        using var h = new NotificationHarness();
        h.Directory.Customer = h.Directory.Customer! with { Email = null };
        h.Push.Outcomes.Enqueue(DeliveryStatus.PermanentFailure);
        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Created, "Open"), default);
        await h.Dispatcher.DispatchDueAsync();
        var deliveries = h.Get<INotificationDeliveries>();

        var all = await deliveries.QueryAsync("org-1", new NotificationDeliveryQuery());
        var failed = await deliveries.QueryAsync("org-1", new NotificationDeliveryQuery { Status = NotificationStatus.Failed });
        var skipped = await deliveries.QueryAsync("org-1", new NotificationDeliveryQuery { Status = NotificationStatus.Skipped });

        Assert.Equal((await h.OutboxAsync()).Count + 1, all.Records.Count);
        var failure = Assert.Single(failed.Records);
        Assert.Equal(NotificationChannel.Push, failure.Delivery!.Channel);
        Assert.Equal(1, failure.Delivery.Attempts);
        Assert.NotNull(failure.Delivery.LastError);
        var skip = Assert.Single(skipped.Records);
        Assert.Equal("cust-1", skip.Skip!.RecipientId);
        Assert.Equal("No default e-mail address in the contact record.", skip.Skip.Reason);
        Assert.Null(all.Next);
    }

    [Fact]
    public async Task QueryAsync_AnotherOrganization_ListsNothing()
    {
        using var h = new NotificationHarness();
        h.Directory.Customer = h.Directory.Customer! with { Email = null };
        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Created, "Open"), default);

        var page = await h.Get<INotificationDeliveries>().QueryAsync("org-2", new NotificationDeliveryQuery());

        Assert.NotEmpty(await h.OutboxAsync());
        Assert.Empty(page.Records);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task QueryAsync_PagesOfTwo_WalkEveryRecordOnceNewestFirst()
    {
        using var h = new NotificationHarness();
        h.Directory.Customer = h.Directory.Customer! with { Email = null };
        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Created, "Open"), default);
        h.Clock.Advance(TimeSpan.FromMinutes(1));
        await h.Publisher.PublishAsync(h.Event("e2", ItemEventType.StateChanged, "Closed", previous: "Open"), default);
        var deliveries = h.Get<INotificationDeliveries>();
        var everything = await deliveries.QueryAsync("org-1", new NotificationDeliveryQuery { Limit = 1000 });

        var walked = new List<NotificationDeliveryRecord>();
        string? after = null;
        do
        {
            var page = await deliveries.QueryAsync("org-1", new NotificationDeliveryQuery { Limit = 2, After = after });
            Assert.InRange(page.Records.Count, 1, 2);
            walked.AddRange(page.Records);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(everything.Records.Select(r => r.Key), walked.Select(r => r.Key));
        Assert.Equal(walked.Count, walked.Select(r => r.Key).Distinct().Count());
        Assert.Equal("e2", walked[0].Delivery?.EventId ?? walked[0].Skip!.EventId);
        Assert.True(walked.Count > 4);
    }

    [Fact]
    public async Task QueryAsync_BlankOrganization_Throws()
    {
        using var h = new NotificationHarness();

        await Assert.ThrowsAsync<ArgumentException>(async () => await h.Get<INotificationDeliveries>().QueryAsync(" ", new NotificationDeliveryQuery()));
    }

    [Fact]
    public async Task PublishAsync_AssignedWithoutPushNotifier_RecordsASkipInsteadOfQueuingAPush()
    {
        using var h = new NotificationHarness(o => o.Rules.Clear(), withPush: false);

        await h.Publisher.PublishAsync(h.Event("e1", ItemEventType.Assigned, "Waiting", assigned: "tech-1"), default);

        Assert.Empty(await h.OutboxAsync());
        var skip = Assert.Single((await h.Get<INotificationDeliveries>().QueryAsync("org-1", new NotificationDeliveryQuery { Status = NotificationStatus.Skipped })).Records).Skip!;
        Assert.Equal(NotificationChannel.Push, skip.Channel);
        Assert.Equal("tech-1", skip.RecipientId);
        Assert.Contains("No notifier is registered for the 'push' channel", skip.Reason, StringComparison.Ordinal);
        Assert.Equal(1, await h.Inbox.CountUnreadAsync("org-1", "tech-1"));
    }

    // A host's store that ignores the cursor hands back the newest rows on every page: the second page fails naming the
    // store, the cursor it ignores and the suite to run, rather than ending early and hiding the older rows.
    [Fact]
    public async Task QueryAsync_StoreIgnoringTheCursor_ThrowsNamingTheStoreTheCursorAndTheConformanceSuite()
    {
        using var h = new NotificationHarness();
        h.Directory.Customer = h.Directory.Customer! with { Email = null };
        for (var i = 1; i <= 4; i++)
        {
            await h.Publisher.PublishAsync(h.Event($"e{i}", ItemEventType.StateChanged, i % 2 == 0 ? "Closed" : "Open", previous: "Waiting"), default);
            h.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        var deliveries = new NotificationDeliveries(new CursorIgnoringStore(h.Store));
        var first = await deliveries.QueryAsync("org-1", new NotificationDeliveryQuery { Limit = 3 });
        Assert.Equal(3, first.Records.Count);
        Assert.NotNull(first.Next);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await deliveries.QueryAsync("org-1", new NotificationDeliveryQuery { Limit = 3, After = first.Next }));

        Assert.Contains(typeof(CursorIgnoringStore).FullName!, error.Message, StringComparison.Ordinal);
        Assert.Contains("NotificationOutboxQuery.Before", error.Message, StringComparison.Ordinal);
        Assert.Contains("NotificationStoreConformanceTests", error.Message, StringComparison.Ordinal);
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
