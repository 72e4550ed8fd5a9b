namespace PosFleet.Digests;

/// <summary>One line of the run ledger: what happened to one (subscription, window).</summary>
public sealed record DigestRun
{
    /// <summary>The subscription and window.</summary>
    public required DigestRunKey Key { get; init; }

    /// <summary>What started the run.</summary>
    public DigestTrigger Trigger { get; init; }

    /// <summary>Where it stands.</summary>
    public DigestRunStatus Status { get; init; }

    /// <summary>How many entries of the chosen kinds the window held when last counted; <see langword="null"/> before counting.</summary>
    public long? Count { get; init; }

    /// <summary>The subscription's threshold at the time of the run.</summary>
    public int Threshold { get; init; }

    /// <summary>Each recipient's delivery.</summary>
    public required IReadOnlyList<DigestRecipientDelivery> Recipients { get; init; }

    /// <summary>How many times the run was claimed (the first attempt and each retry or takeover).</summary>
    public int Attempts { get; init; }

    /// <summary>The host (or process) holding or last holding the claim.</summary>
    public required string Owner { get; init; }

    /// <summary>While <see cref="DigestRunStatus.InProgress"/>: until when the claim holds; after that another host may take the run over.</summary>
    public DateTimeOffset LeaseUntil { get; init; }

    /// <summary>When the run was first claimed.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the run last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>While <see cref="DigestRunStatus.Pending"/>: when it is retried.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>What went wrong with the run as a whole (counting failed, retries ran out), when something did.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the run is finished (below threshold, sent, partially sent or failed): it will not be claimed again.</summary>
    public bool IsFinished => Status is DigestRunStatus.BelowThreshold or DigestRunStatus.Sent or DigestRunStatus.PartiallySent or DigestRunStatus.Failed;

    /// <summary>
    /// The rule "is this run due?", in one place: from when the run may be claimed again. A
    /// <see cref="DigestRunStatus.Pending"/> run is due at <see cref="NextAttemptAt"/> (at once when it has none); an
    /// <see cref="DigestRunStatus.InProgress"/> run when its <see cref="LeaseUntil"/> ends (its host is presumed dead);
    /// a finished run never (<see langword="null"/>).
    /// </summary>
    public DateTimeOffset? DueAt => Status switch
    {
        DigestRunStatus.Pending => NextAttemptAt ?? DateTimeOffset.MinValue,
        DigestRunStatus.InProgress => LeaseUntil,
        _ => null,
    };

    /// <summary>Whether the run may be claimed at <paramref name="now"/> (see <see cref="DueAt"/>); stores and schedulers ask this rather than decide it.</summary>
    /// <param name="now">The current time.</param>
    /// <returns>Whether it is due.</returns>
    public bool IsDueAt(DateTimeOffset now) => DueAt is { } due && due <= now;

    /// <summary>
    /// Whether a store holding this run may record <paramref name="update"/> over it: this run is still
    /// <see cref="DigestRunStatus.InProgress"/> under the claim <paramref name="update"/> was made from (same owner and
    /// attempt). An owner that lost its claim to a takeover is refused.
    /// </summary>
    /// <param name="update">The claimed run's new state.</param>
    /// <returns>Whether the update is recorded.</returns>
    public bool AcceptsUpdate(DigestRun update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return Status == DigestRunStatus.InProgress && Owner == update.Owner && Attempts == update.Attempts;
    }
}
