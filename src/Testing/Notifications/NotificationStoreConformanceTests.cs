using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;
using Xunit;

namespace PosFleet.Testing.Notifications;

/// <summary>
/// What every <see cref="INotificationStore"/> must do, whatever keeps it (memory, SQLite, PostgreSQL): derive from
/// this class and return a new, empty store from <see cref="CreateStoreAsync"/>. A key exists once (adding it again
/// is a no-op, which is once-per-transition), a claimed delivery is nobody else's until its lease lapses, and the
/// inbox pages newest first and marks read only its owner's entries.
/// </summary>
public abstract partial class NotificationStoreConformanceTests
{
    /// <summary>The instant the suite's records are created at.</summary>
    protected static readonly DateTimeOffset Now = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private static readonly Guid Claim = Guid.NewGuid();

    private static readonly Guid OtherClaim = Guid.NewGuid();

    /// <summary>A new, empty store.</summary>
    /// <returns>The store.</returns>
    protected abstract Task<INotificationStore> CreateStoreAsync();

    /// <summary>An e-mail delivery of item <c>INT-7</c> for <paramref name="recipient"/>, due at <see cref="Now"/> unless said.</summary>
    /// <param name="eventId">The event.</param>
    /// <param name="recipient">The recipient's id.</param>
    /// <param name="due">When it is due.</param>
    /// <param name="batchKey">Its digest batch.</param>
    /// <param name="organization">The item's organization.</param>
    /// <returns>The delivery.</returns>
    protected static NotificationOutboxEntry Delivery(string eventId, string recipient = "ana", DateTimeOffset? due = null, string? batchKey = null, string organization = "org-1") => new()
    {
        Key = $"intervention/INT-7/{eventId}/{recipient}/email",
        Channel = NotificationChannel.Email,
        RecipientId = recipient,
        Address = recipient + "@example.it",
        ItemKind = "intervention",
        ItemId = "INT-7",
        EventId = eventId,
        OrganizationId = organization,
        Content = new NotificationContent { Subject = "Intervention INT-7 is Open", Text = "Open.\nhttps://fleet.example/i/7", Html = "<p>Open.</p>", Link = new Uri("https://fleet.example/i/7") },
        BatchKey = batchKey,
        Culture = "it",
        CreatedAt = Now,
        DueAt = due ?? Now,
    };

    /// <summary>An inbox entry for <paramref name="recipient"/> in <paramref name="organization"/>.</summary>
    /// <param name="key">Its key.</param>
    /// <param name="recipient">The person.</param>
    /// <param name="organization">The organization.</param>
    /// <returns>The entry.</returns>
    protected static NotificationInboxEntry Inbox(string key, string recipient = "ana", string organization = "org-1") => new()
    {
        Key = key, OrganizationId = organization, RecipientId = recipient, ItemKind = "intervention", ItemId = "INT-7",
        Subject = "Intervention INT-7 is Open", Text = "Open.", Link = new Uri("https://fleet.example/i/7"), CreatedAt = Now,
    };

    private static NotificationSkip Skip(string key, string organization = "org-1") => new()
    {
        Key = key, EventId = "e1", ItemKind = "intervention", ItemId = "INT-7", OrganizationId = organization, RecipientId = "tech-9",
        Audience = "technicians", Channel = NotificationChannel.Email, Reason = "No default e-mail address in the contact record.", At = Now,
    };

    /// <summary>Adding the same keys twice adds them once: the second call reports nothing new and the outbox holds one of each.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task AddAsync_SameKeysTwice_AddsOnce()
    {
        var store = await CreateStoreAsync();
        var batch = new NotificationBatch([Delivery("e1"), Delivery("e1", "bea")], [Inbox("k1")], [Skip("s1")]);

        var first = await store.AddAsync(batch, default);
        var second = await store.AddAsync(batch, default);

        Assert.Equal(3, first);
        Assert.Equal(0, second);
        Assert.Equal(2, (await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1" }, default)).Count);
        Assert.Single((await store.ListInboxAsync(new NotificationInboxQuery { OrganizationId = "org-1", RecipientId = "ana" }, default)).Entries);
        Assert.Single(await store.QuerySkipsAsync(new NotificationOutboxQuery { OrganizationId = "org-1" }, default));
    }

    /// <summary>A delivery reads back field by field, pending with no attempt.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task QueryOutboxAsync_AfterAdd_ReturnsEveryField()
    {
        var store = await CreateStoreAsync();
        var delivery = Delivery("e1", batchKey: "org-1/ana/ana@example.it");
        await store.AddAsync(new NotificationBatch([delivery], [], []), default);

        var read = Assert.Single(await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1", ItemId = "INT-7", RecipientId = "ana" }, default));

        Assert.Equal(delivery with { State = NotificationDeliveryState.Pending, Attempts = 0 }, read with { Content = delivery.Content });
        Assert.Equal(delivery.Content, read.Content);
        Assert.Equal(NotificationChannel.Email, read.Channel);
    }

    /// <summary>A skip reads back with its reason, and filters by event and recipient.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task QuerySkipsAsync_AfterAdd_ReturnsReasonAndFilters()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([], [], [Skip("s1")]), default);

        var read = Assert.Single(await store.QuerySkipsAsync(new NotificationOutboxQuery { OrganizationId = "org-1", EventId = "e1", RecipientId = "tech-9" }, default));

        Assert.Equal(Skip("s1"), read);
        Assert.Empty(await store.QuerySkipsAsync(new NotificationOutboxQuery { OrganizationId = "org-1", RecipientId = "ana" }, default));
    }

    /// <summary>Only due deliveries are claimed, and a claimed one is not claimed again before its lease lapses; after, it is.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimDueAsync_ClaimedOnce_ReclaimedAfterLease()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([Delivery("e1"), Delivery("e2", due: Now.AddHours(1))], [], []), default);

        var first = await store.ClaimDueAsync(Now, Lease, 10, Claim, default);
        var during = await store.ClaimDueAsync(Now.AddMinutes(4), Lease, 10, Claim, default);
        var after = await store.ClaimDueAsync(Now.AddMinutes(6), Lease, 10, Claim, default);

        Assert.Equal(["intervention/INT-7/e1/ana/email"], first.Select(d => d.Key));
        Assert.Empty(during);
        Assert.Equal(["intervention/INT-7/e1/ana/email"], after.Select(d => d.Key));
    }

    /// <summary>Claims take the oldest due first and no more than the limit.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task ClaimDueAsync_Limit_TakesOldestDueFirst()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([Delivery("e1", due: Now), Delivery("e2", due: Now.AddMinutes(-2)), Delivery("e3", due: Now.AddMinutes(-1))], [], []), default);

        var claimed = await store.ClaimDueAsync(Now, Lease, 2, Claim, default);

        Assert.Equal(["e2", "e3"], claimed.Select(d => d.EventId));
    }

    /// <summary>A sent delivery is never claimed again; a pending one is claimed at its new due time with its attempts and error.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordAttemptsAsync_SentAndRetried_UpdatesStateAndReleasesClaim()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([Delivery("e1"), Delivery("e2")], [], []), default);
        await store.ClaimDueAsync(Now, Lease, 10, Claim, default);

        await store.RecordAttemptsAsync(
        [
            new NotificationAttempt(Delivery("e1").Key, NotificationDeliveryState.Sent, 1, Now, null, Now),
            new NotificationAttempt(Delivery("e2").Key, NotificationDeliveryState.Pending, 1, Now.AddMinutes(1), "421 try later", Now),
        ], Claim, default);
        var early = await store.ClaimDueAsync(Now.AddSeconds(30), Lease, 10, Claim, default);
        var retried = await store.ClaimDueAsync(Now.AddMinutes(1), Lease, 10, Claim, default);
        var sent = Assert.Single(await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1", State = NotificationDeliveryState.Sent }, default));

        Assert.Empty(early);
        var again = Assert.Single(retried);
        Assert.Equal(("e2", 1, "421 try later"), (again.EventId, again.Attempts, again.LastError));
        Assert.Equal(("e1", Now), (sent.EventId, sent.CompletedAt));
    }

    /// <summary>A delivery recorded as failed stays failed: a late second record (a dispatcher whose lease lapsed) does not revive it.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordAttemptsAsync_AfterFailed_LeavesItFailed()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([Delivery("e1")], [], []), default);
        await store.ClaimDueAsync(Now, Lease, 10, Claim, default);

        await store.RecordAttemptsAsync([new NotificationAttempt(Delivery("e1").Key, NotificationDeliveryState.Failed, 1, Now, "550 no such user", Now)], Claim, default);
        await store.RecordAttemptsAsync([new NotificationAttempt(Delivery("e1").Key, NotificationDeliveryState.Pending, 2, Now, "late", Now)], Claim, default);
        var read = Assert.Single(await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1" }, default));

        Assert.Equal((NotificationDeliveryState.Failed, 1, "550 no such user"), (read.State, read.Attempts, read.LastError));
        Assert.Empty(await store.ClaimDueAsync(Now.AddDays(1), Lease, 10, Claim, default));
    }

    /// <summary>A digest batch's due time is that of its pending entries; none pending (or all claimed) starts a new burst.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task GetBatchDueAsync_PendingThenClaimed_ReturnsDueThenNull()
    {
        var store = await CreateStoreAsync();
        Assert.Null(await store.GetBatchDueAsync("org-1/ana/ana@example.it", default));
        await store.AddAsync(new NotificationBatch([Delivery("e1", due: Now.AddMinutes(10), batchKey: "org-1/ana/ana@example.it")], [], []), default);

        var due = await store.GetBatchDueAsync("org-1/ana/ana@example.it", default);
        await store.ClaimDueAsync(Now.AddMinutes(10), Lease, 10, Claim, default);

        Assert.Equal(Now.AddMinutes(10), due);
        Assert.Null(await store.GetBatchDueAsync("org-1/ana/ana@example.it", default));
        Assert.Null(await store.GetBatchDueAsync("org-1/bea/bea@example.it", default));
    }

    /// <summary>The delivery status is per organization: another organization's deliveries and skips are not found, whatever the other filters.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task QueryOutboxAsync_AnotherOrganization_NotFound()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([Delivery("e1", organization: "org-2")], [], [Skip("s1", organization: "org-2")]), default);

        var fromOrg1 = await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1", ItemId = "INT-7", EventId = "e1" }, default);
        var skipsFromOrg1 = await store.QuerySkipsAsync(new NotificationOutboxQuery { OrganizationId = "org-1", ItemId = "INT-7", EventId = "e1" }, default);

        Assert.Empty(fromOrg1);
        Assert.Empty(skipsFromOrg1);
        Assert.Equal("org-2", Assert.Single(await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-2" }, default)).OrganizationId);
        Assert.Single(await store.QuerySkipsAsync(new NotificationOutboxQuery { OrganizationId = "org-2" }, default));
    }

    /// <summary>
    /// A dispatcher whose lease lapsed and whose deliveries another one claimed can neither renew nor record them: the
    /// second claimant's outcome is the one kept.
    /// </summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RecordAttemptsAsync_ClaimTakenOverAfterLease_FirstClaimantIgnored()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([Delivery("e1")], [], []), default);
        var key = Delivery("e1").Key;
        await store.ClaimDueAsync(Now, Lease, 10, Claim, default);
        var second = await store.ClaimDueAsync(Now.AddMinutes(6), Lease, 10, OtherClaim, default);

        var renewedByFirst = await store.RenewClaimsAsync([key], Claim, Now.AddMinutes(11), default);
        var recordedByFirst = await store.RecordAttemptsAsync([new NotificationAttempt(key, NotificationDeliveryState.Failed, 1, Now, "late", Now.AddMinutes(6))], Claim, default);
        var pending = Assert.Single(await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1" }, default));
        var recordedBySecond = await store.RecordAttemptsAsync([new NotificationAttempt(key, NotificationDeliveryState.Sent, 1, Now, null, Now.AddMinutes(7))], OtherClaim, default);
        var sent = Assert.Single(await store.QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1" }, default));

        Assert.Equal([key], second.Select(d => d.Key));
        Assert.Empty(renewedByFirst);
        Assert.Equal(0, recordedByFirst);
        Assert.Equal((NotificationDeliveryState.Pending, 0), (pending.State, pending.Attempts));
        Assert.Equal(1, recordedBySecond);
        Assert.Equal((NotificationDeliveryState.Sent, Now.AddMinutes(7)), (sent.State, sent.CompletedAt));
    }

    /// <summary>A renewed claim keeps other dispatchers out past the first lease, until the renewed one lapses.</summary>
    /// <returns>A task.</returns>
    [Fact]
    public async Task RenewClaimsAsync_BeforeLapse_KeepsOtherClaimantsOutUntilTheNewEnd()
    {
        var store = await CreateStoreAsync();
        await store.AddAsync(new NotificationBatch([Delivery("e1"), Delivery("e2")], [], []), default);
        await store.ClaimDueAsync(Now, Lease, 10, Claim, default);

        var renewed = await store.RenewClaimsAsync([Delivery("e1").Key], Claim, Now.AddMinutes(9), default);
        var during = await store.ClaimDueAsync(Now.AddMinutes(6), Lease, 10, OtherClaim, default);
        var after = await store.ClaimDueAsync(Now.AddMinutes(9), Lease, 10, OtherClaim, default);

        Assert.Equal([Delivery("e1").Key], renewed);
        Assert.Equal(["e2"], during.Select(d => d.EventId)); // not renewed: its lease lapsed at 5 minutes
        Assert.Equal(["e1"], after.Select(d => d.EventId));
    }
}
