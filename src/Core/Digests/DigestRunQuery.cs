namespace PosFleet.Digests;

/// <summary>Which runs of the ledger to read.</summary>
public sealed record DigestRunQuery
{
    /// <summary>Only this subscription's runs.</summary>
    public string? SubscriptionId { get; init; }

    /// <summary>Only runs in these states (null: any).</summary>
    public IReadOnlySet<DigestRunStatus>? Statuses { get; init; }

    /// <summary>Whether test-mode runs are included.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool IncludeTests { get; init; } = true;

    /// <summary>At most this many runs, latest window first.</summary>
    /// <value>The default value is 100.</value>
    public int Limit { get; init; } = 100;
}
