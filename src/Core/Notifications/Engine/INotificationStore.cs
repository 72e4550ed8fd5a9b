namespace PosFleet.Notifications.Engine;

/// <summary>
/// Where the notification engine keeps its outbox (pending, sent, failed deliveries), the recorded skips and the in-app
/// inboxes. Every record has an idempotency key that exists once: adding it again is a no-op, which is what makes a
/// republished event, a retried call or a restarted host notify once. Core ships an in-memory store, the SQLite
/// connector a durable one; both pass <c>NotificationStoreConformanceTests</c>.
/// </summary>
public interface INotificationStore
{
    /// <summary>Adds what one event produced, atomically; records whose key exists already are left as they are.</summary>
    /// <param name="batch">The deliveries, inbox entries and skips.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many deliveries and inbox entries were new.</returns>
    ValueTask<int> AddAsync(NotificationBatch batch, CancellationToken cancellationToken);

    /// <summary>When the pending entries of a digest batch are due, or <see langword="null"/> when none is pending (a new burst starts).</summary>
    /// <param name="batchKey">The batch (<see cref="NotificationOutboxEntry.BatchKey"/>).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The earliest due time of the batch's pending, unclaimed entries.</returns>
    ValueTask<DateTimeOffset?> GetBatchDueAsync(string batchKey, CancellationToken cancellationToken);

    /// <summary>
    /// Claims pending entries due at <paramref name="now"/> and not claimed by anyone else, oldest due first, until
    /// <paramref name="now"/> + <paramref name="lease"/>, under <paramref name="claimToken"/>: a dispatcher that dies
    /// holding them loses them then, and the next claimant's token replaces its own.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="lease">How long the claim lasts.</param>
    /// <param name="limit">How many entries at most.</param>
    /// <param name="claimToken">The claimant's token, new for each claim: renewals and records must show it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The claimed entries.</returns>
    ValueTask<IReadOnlyList<NotificationOutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, Guid claimToken, CancellationToken cancellationToken);

    /// <summary>
    /// Extends the claims on <paramref name="keys"/> that are still pending and still held under
    /// <paramref name="claimToken"/> (lapsed or not, as long as nobody claimed them since) until <paramref name="leaseUntil"/>.
    /// A dispatcher renews before each send and while it sends, and sends only what it still holds.
    /// </summary>
    /// <param name="keys">The entries' keys.</param>
    /// <param name="claimToken">The token they were claimed under.</param>
    /// <param name="leaseUntil">The new end of the claim.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys still held (and now renewed); the others were claimed by another dispatcher, or completed.</returns>
    ValueTask<IReadOnlyList<string>> RenewClaimsAsync(IReadOnlyList<string> keys, Guid claimToken, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Records the outcome of attempts and releases their claims, for the entries still pending and still held under
    /// <paramref name="claimToken"/>; an entry already sent or failed, or claimed by another dispatcher since, is left as it is.
    /// </summary>
    /// <param name="attempts">The outcomes.</param>
    /// <param name="claimToken">The token the entries were claimed under.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many outcomes were recorded.</returns>
    ValueTask<int> RecordAttemptsAsync(IReadOnlyList<NotificationAttempt> attempts, Guid claimToken, CancellationToken cancellationToken);

    /// <summary>Lists outbox entries, newest first: the delivery status (state, attempts, last error) a back office shows.</summary>
    /// <param name="query">The filters.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The entries.</returns>
    ValueTask<IReadOnlyList<NotificationOutboxEntry>> QueryOutboxAsync(NotificationOutboxQuery query, CancellationToken cancellationToken);

    /// <summary>Lists the recorded skips, newest first.</summary>
    /// <param name="query">The filters (<see cref="NotificationOutboxQuery.State"/> is ignored).</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The skips.</returns>
    ValueTask<IReadOnlyList<NotificationSkip>> QuerySkipsAsync(NotificationOutboxQuery query, CancellationToken cancellationToken);

    /// <summary>How many unread entries a person's inbox holds in an organization.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="recipientId">The person.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The unread count.</returns>
    ValueTask<int> CountUnreadAsync(string organizationId, string recipientId, CancellationToken cancellationToken);

    /// <summary>A page of a person's inbox, newest first (keyset paging on the entry id).</summary>
    /// <param name="query">The inbox and the page.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page.</returns>
    ValueTask<NotificationInboxPage> ListInboxAsync(NotificationInboxQuery query, CancellationToken cancellationToken);

    /// <summary>Marks entries read: one (<paramref name="entryId"/>) or, when it is <see langword="null"/>, all of the person's unread entries.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="recipientId">The person; another person's entry is never marked.</param>
    /// <param name="entryId">The entry, or <see langword="null"/> for all.</param>
    /// <param name="at">When they were read.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many entries went from unread to read.</returns>
    ValueTask<int> MarkReadAsync(string organizationId, string recipientId, long? entryId, DateTimeOffset at, CancellationToken cancellationToken);
}
