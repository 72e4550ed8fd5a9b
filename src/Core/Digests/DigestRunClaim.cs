namespace PosFleet.Digests;

/// <summary>A request to claim a run before counting and sending it.</summary>
/// <param name="Key">The subscription and window.</param>
/// <param name="Trigger">What starts the run.</param>
/// <param name="Owner">Who claims it (a host id unique per process).</param>
/// <param name="Now">The current time.</param>
/// <param name="LeaseUntil">Until when the claim holds if the owner never records an outcome (it crashed).</param>
/// <param name="Recipients">The recipients, when the run is new.</param>
/// <param name="Threshold">The threshold, when the run is new.</param>
public sealed record DigestRunClaim(
    DigestRunKey Key,
    DigestTrigger Trigger,
    string Owner,
    DateTimeOffset Now,
    DateTimeOffset LeaseUntil,
    IReadOnlyList<string> Recipients,
    int Threshold)
{
    /// <summary>
    /// What this claim makes of the stored run of its key, written once for every store: a new run
    /// (<see cref="DigestRunStatus.InProgress"/>, first attempt, every recipient pending) when none is stored; the
    /// stored run taken over (one more attempt, this owner and lease) when it is due (<see cref="DigestRun.IsDueAt"/>);
    /// otherwise <see langword="null"/>. A store saves the result atomically with the read of <paramref name="stored"/>.
    /// </summary>
    /// <param name="stored">The stored run of <see cref="Key"/>, or <see langword="null"/> when there is none.</param>
    /// <returns>The claimed run to save, or <see langword="null"/> when the claim fails.</returns>
    public DigestRun? ClaimFrom(DigestRun? stored)
    {
        if (stored is null)
        {
            return new DigestRun
            {
                Key = Key,
                Trigger = Trigger,
                Status = DigestRunStatus.InProgress,
                Threshold = Threshold,
                Recipients = [.. Recipients.Select(r => new DigestRecipientDelivery(r, DigestRecipientStatus.Pending))],
                Attempts = 1,
                Owner = Owner,
                LeaseUntil = LeaseUntil,
                CreatedAt = Now,
                UpdatedAt = Now,
            };
        }

        if (!stored.IsDueAt(Now))
        {
            return null;
        }

        return stored with
        {
            Status = DigestRunStatus.InProgress,
            Attempts = stored.Attempts + 1,
            Owner = Owner,
            LeaseUntil = LeaseUntil,
            UpdatedAt = Now,
            NextAttemptAt = null,
        };
    }
}
