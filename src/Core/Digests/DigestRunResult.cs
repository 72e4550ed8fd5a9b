namespace PosFleet.Digests;

/// <summary>What one call to run a digest did, and the ledger's line afterwards.</summary>
/// <param name="Key">The subscription and window.</param>
/// <param name="Outcome">What was done.</param>
/// <param name="Run">The ledger's line for the key after the call, when there is one.</param>
public sealed record DigestRunResult(DigestRunKey Key, DigestRunOutcome Outcome, DigestRun? Run)
{
    /// <summary>The result of a call that recorded <paramref name="run"/>: the one mapping from a ledger state to an outcome.</summary>
    internal static DigestRunResult Recorded(DigestRun run) => new(run.Key, OutcomeOf(run.Status), run);

    /// <summary>The result of a call that did nothing: the run, when there is one, is as someone else left it.</summary>
    internal static DigestRunResult Skipped(DigestRunKey key, DigestRun? existing) => new(key, DigestRunOutcome.Skipped, existing);

    /// <summary>What a call that left the run in <paramref name="status"/> did.</summary>
    internal static DigestRunOutcome OutcomeOf(DigestRunStatus status) => status switch
    {
        DigestRunStatus.Sent => DigestRunOutcome.Sent,
        DigestRunStatus.PartiallySent => DigestRunOutcome.PartiallySent,
        DigestRunStatus.BelowThreshold => DigestRunOutcome.BelowThreshold,
        DigestRunStatus.Failed => DigestRunOutcome.Failed,
        DigestRunStatus.Pending or DigestRunStatus.InProgress => DigestRunOutcome.Pending,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not a digest run status."),
    };
}
