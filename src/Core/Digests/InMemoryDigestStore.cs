namespace PosFleet.Digests;

/// <summary>Subscriptions and the run ledger in memory: for tests and for hosts that need no durability.</summary>
internal sealed class InMemoryDigestStore : IDigestStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, DigestSubscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Dictionary<DigestRunKey, DigestRun> _runs = [];

    public ValueTask<IReadOnlyList<DigestSubscription>> GetSubscriptionsAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return ValueTask.FromResult<IReadOnlyList<DigestSubscription>>([.. _subscriptions.Values]);
        }
    }

    public ValueTask<DigestSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            return ValueTask.FromResult(_subscriptions.GetValueOrDefault(id));
        }
    }

    public ValueTask SaveSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken)
    {
        DigestSubscriptionValidator.ThrowIfInvalid(subscription);
        lock (_gate)
        {
            _subscriptions[subscription.Id] = subscription;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveSubscriptionAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        lock (_gate)
        {
            return ValueTask.FromResult(_subscriptions.Remove(id));
        }
    }

    public ValueTask<DigestRun?> TryClaimRunAsync(DigestRunClaim claim, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        lock (_gate)
        {
            var claimed = claim.ClaimFrom(_runs.GetValueOrDefault(claim.Key));
            if (claimed is not null)
            {
                _runs[claim.Key] = claimed;
            }

            return ValueTask.FromResult(claimed);
        }
    }

    public ValueTask<bool> UpdateRunAsync(DigestRun run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        lock (_gate)
        {
            if (!_runs.TryGetValue(run.Key, out var stored) || !stored.AcceptsUpdate(run))
            {
                return ValueTask.FromResult(false);
            }

            _runs[run.Key] = run;
            return ValueTask.FromResult(true);
        }
    }

    public ValueTask<DigestRun?> GetRunAsync(DigestRunKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            return ValueTask.FromResult(_runs.GetValueOrDefault(key));
        }
    }

    public ValueTask<IReadOnlyList<DigestRun>> QueryRunsAsync(DigestRunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<DigestRun> runs =
            [
                .. _runs.Values
                    .Where(r => query.SubscriptionId is null || r.Key.SubscriptionId == query.SubscriptionId)
                    .Where(r => query.Statuses is null || query.Statuses.Contains(r.Status))
                    .Where(r => query.IncludeTests || !r.Key.IsTest)
                    .OrderByDescending(r => r.Key.WindowEnd)
                    .ThenByDescending(r => r.CreatedAt)
                    .Take(query.Limit),
            ];
            return ValueTask.FromResult(runs);
        }
    }
}
