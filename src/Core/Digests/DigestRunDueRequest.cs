namespace PosFleet.Digests;

/// <summary>Which due windows <see cref="IDigestRunner.RunDueAsync"/> runs.</summary>
public sealed record DigestRunDueRequest
{
    /// <summary>
    /// Only this subscription: its due and missed windows (when it is active) and its pending runs whose retry is due;
    /// <see langword="null"/> for every subscription. An unknown id runs nothing but the runs it left pending.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? SubscriptionId { get; init; }
}
