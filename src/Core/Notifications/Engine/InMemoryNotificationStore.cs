namespace PosFleet.Notifications.Engine;

/// <summary>The notification store of tests and of the smallest hosts: everything in memory, one lock.</summary>
internal sealed class InMemoryNotificationStore : INotificationStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _outbox = new(StringComparer.Ordinal);
    private readonly List<Entry> _outboxOrder = [];
    private readonly Dictionary<string, NotificationSkip> _skips = new(StringComparer.Ordinal);
    private readonly List<NotificationSkip> _skipOrder = [];
    private readonly HashSet<string> _inboxKeys = new(StringComparer.Ordinal);
    private readonly List<NotificationInboxEntry> _inbox = [];
    private long _nextInboxId;

    public ValueTask<int> AddAsync(NotificationBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var added = 0;
        lock (_gate)
        {
            foreach (var delivery in batch.Deliveries)
            {
                if (!_outbox.ContainsKey(delivery.Key))
                {
                    var entry = new Entry { Value = delivery with { State = NotificationDeliveryState.Pending, Attempts = 0 } };
                    _outbox.Add(delivery.Key, entry);
                    _outboxOrder.Add(entry);
                    added++;
                }
            }

            foreach (var inbox in batch.InboxEntries)
            {
                if (_inboxKeys.Add(inbox.Key))
                {
                    _inbox.Add(inbox with { Id = ++_nextInboxId, ReadAt = null });
                    added++;
                }
            }

            foreach (var skip in batch.Skips)
            {
                if (_skips.TryAdd(skip.Key, skip))
                {
                    _skipOrder.Add(skip);
                }
            }
        }

        return ValueTask.FromResult(added);
    }

    public ValueTask<DateTimeOffset?> GetBatchDueAsync(string batchKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batchKey);
        lock (_gate)
        {
            var due = _outboxOrder
                .Where(e => e.Value.State == NotificationDeliveryState.Pending && e.LeaseUntil is null && e.Value.Attempts == 0 && e.Value.BatchKey == batchKey)
                .Select(e => (DateTimeOffset?)e.Value.DueAt)
                .Min();
            return ValueTask.FromResult(due);
        }
    }

    public ValueTask<IReadOnlyList<NotificationOutboxEntry>> ClaimDueAsync(DateTimeOffset now, TimeSpan lease, int limit, Guid claimToken, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var claimed = _outboxOrder
                .Where(e => e.Value.State == NotificationDeliveryState.Pending && e.Value.DueAt <= now && (e.LeaseUntil is null || e.LeaseUntil <= now))
                .OrderBy(e => e.Value.DueAt)
                .Take(limit)
                .ToList();
            foreach (var entry in claimed)
            {
                entry.LeaseUntil = now + lease;
                entry.ClaimToken = claimToken;
            }

            return ValueTask.FromResult<IReadOnlyList<NotificationOutboxEntry>>([.. claimed.Select(e => e.Value)]);
        }
    }

    public ValueTask<IReadOnlyList<string>> RenewClaimsAsync(IReadOnlyList<string> keys, Guid claimToken, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        lock (_gate)
        {
            var held = new List<string>(keys.Count);
            foreach (var key in keys)
            {
                if (_outbox.TryGetValue(key, out var entry) && entry.Value.State == NotificationDeliveryState.Pending && entry.ClaimToken == claimToken)
                {
                    entry.LeaseUntil = leaseUntil;
                    held.Add(key);
                }
            }

            return ValueTask.FromResult<IReadOnlyList<string>>(held);
        }
    }

    public ValueTask<int> RecordAttemptsAsync(IReadOnlyList<NotificationAttempt> attempts, Guid claimToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempts);
        var recorded = 0;
        lock (_gate)
        {
            foreach (var attempt in attempts)
            {
                if (_outbox.TryGetValue(attempt.Key, out var entry) && entry.Value.State == NotificationDeliveryState.Pending && entry.ClaimToken == claimToken)
                {
                    recorded++;
                    entry.LeaseUntil = null;
                    entry.ClaimToken = null;
                    entry.Value = entry.Value with
                    {
                        State = attempt.State,
                        Attempts = attempt.Attempts,
                        DueAt = attempt.DueAt,
                        LastError = attempt.Error,
                        CompletedAt = attempt.State == NotificationDeliveryState.Pending ? null : attempt.At,
                    };
                }
            }
        }

        return ValueTask.FromResult(recorded);
    }

    public ValueTask<IReadOnlyList<NotificationOutboxEntry>> QueryOutboxAsync(NotificationOutboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<NotificationOutboxEntry> found = [.. _outboxOrder.Select(e => e.Value)
                .Where(e => e.OrganizationId == query.OrganizationId && (query.ItemKind is null || e.ItemKind == query.ItemKind) && (query.ItemId is null || e.ItemId == query.ItemId)
                    && (query.EventId is null || e.EventId == query.EventId) && (query.RecipientId is null || e.RecipientId == query.RecipientId)
                    && (query.State is null || e.State == query.State) && IsBefore(e.CreatedAt, e.Key, query.Before))
                .OrderByDescending(e => e.CreatedAt.UtcTicks).ThenByDescending(e => e.Key, StringComparer.Ordinal)
                .Take(query.Limit)];
            return ValueTask.FromResult(found);
        }
    }

    public ValueTask<IReadOnlyList<NotificationSkip>> QuerySkipsAsync(NotificationOutboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<NotificationSkip> found = [.. _skipOrder
                .Where(e => e.OrganizationId == query.OrganizationId && (query.ItemKind is null || e.ItemKind == query.ItemKind) && (query.ItemId is null || e.ItemId == query.ItemId)
                    && (query.EventId is null || e.EventId == query.EventId) && (query.RecipientId is null || e.RecipientId == query.RecipientId)
                    && IsBefore(e.At, e.Key, query.Before))
                .OrderByDescending(e => e.At.UtcTicks).ThenByDescending(e => e.Key, StringComparer.Ordinal)
                .Take(query.Limit)];
            return ValueTask.FromResult(found);
        }
    }

    // After the cursor in the (time, key) descending order the SQL stores use.
    private static bool IsBefore(DateTimeOffset at, string key, NotificationOutboxCursor? cursor) =>
        cursor is null || at.UtcTicks < cursor.At.UtcTicks || (at.UtcTicks == cursor.At.UtcTicks && string.CompareOrdinal(key, cursor.Key) < 0);

    public ValueTask<int> CountUnreadAsync(string organizationId, string recipientId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult(_inbox.Count(e => e.ReadAt is null && e.OrganizationId == organizationId && e.RecipientId == recipientId));
        }
    }

    public ValueTask<NotificationInboxPage> ListInboxAsync(NotificationInboxQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            var page = Enumerable.Reverse(_inbox)
                .Where(e => e.OrganizationId == query.OrganizationId && e.RecipientId == query.RecipientId
                    && (query.Before is null || e.Id < query.Before) && (!query.UnreadOnly || e.ReadAt is null))
                .Take(query.Limit + 1)
                .ToList();
            var more = page.Count > query.Limit;
            if (more)
            {
                page.RemoveAt(page.Count - 1);
            }

            return ValueTask.FromResult(new NotificationInboxPage(page, more ? page[^1].Id : null));
        }
    }

    public ValueTask<int> MarkReadAsync(string organizationId, string recipientId, long? entryId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var marked = 0;
        lock (_gate)
        {
            for (var i = 0; i < _inbox.Count; i++)
            {
                var e = _inbox[i];
                if (e.ReadAt is null && e.OrganizationId == organizationId && e.RecipientId == recipientId && (entryId is null || e.Id == entryId))
                {
                    _inbox[i] = e with { ReadAt = at };
                    marked++;
                }
            }
        }

        return ValueTask.FromResult(marked);
    }

    private sealed class Entry
    {
        public required NotificationOutboxEntry Value { get; set; }

        public DateTimeOffset? LeaseUntil { get; set; }

        public Guid? ClaimToken { get; set; }
    }
}
