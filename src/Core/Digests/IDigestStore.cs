namespace PosFleet.Digests;

/// <summary>
/// Where subscriptions and the run ledger are kept (memory, SQLite, PostgreSQL). The ledger is what makes a digest
/// go out once per (subscription, window): <see cref="TryClaimRunAsync"/> must be atomic across every host sharing
/// the store, and <see cref="UpdateRunAsync"/> must refuse an owner that lost its claim.
/// </summary>
public interface IDigestStore
{
    /// <summary>Every subscription, active or not, ordered by id.</summary>
    ValueTask<IReadOnlyList<DigestSubscription>> GetSubscriptionsAsync(CancellationToken cancellationToken);

    /// <summary>The subscription with this id, or <see langword="null"/>.</summary>
    ValueTask<DigestSubscription?> GetSubscriptionAsync(string id, CancellationToken cancellationToken);

    /// <summary>Adds the subscription, or replaces the one with the same id.</summary>
    ValueTask SaveSubscriptionAsync(DigestSubscription subscription, CancellationToken cancellationToken);

    /// <summary>Removes a subscription (its runs stay in the ledger).</summary>
    /// <returns>Whether it existed.</returns>
    ValueTask<bool> RemoveSubscriptionAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Claims a run, atomically: creates it <see cref="DigestRunStatus.InProgress"/> when the key has no run; takes
    /// it over (one more attempt) when it is <see cref="DigestRunStatus.InProgress"/> with an expired lease or
    /// <see cref="DigestRunStatus.Pending"/> and due; otherwise (finished, held by another owner, or not yet due)
    /// returns <see langword="null"/>.
    /// </summary>
    /// <returns>The claimed run, owned by <see cref="DigestRunClaim.Owner"/> until its lease ends; or <see langword="null"/>.</returns>
    ValueTask<DigestRun?> TryClaimRunAsync(DigestRunClaim claim, CancellationToken cancellationToken);

    /// <summary>
    /// Records a claimed run's new state. Succeeds only while the stored run is still <see cref="DigestRunStatus.InProgress"/>
    /// with the same owner and attempt as <paramref name="run"/>.
    /// </summary>
    /// <returns>Whether it was recorded; <see langword="false"/> when the claim was lost to another host.</returns>
    ValueTask<bool> UpdateRunAsync(DigestRun run, CancellationToken cancellationToken);

    /// <summary>The run of this key, or <see langword="null"/>.</summary>
    ValueTask<DigestRun?> GetRunAsync(DigestRunKey key, CancellationToken cancellationToken);

    /// <summary>Runs matching <paramref name="query"/>, latest window first.</summary>
    ValueTask<IReadOnlyList<DigestRun>> QueryRunsAsync(DigestRunQuery query, CancellationToken cancellationToken);
}
