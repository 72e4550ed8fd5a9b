namespace PosFleet.Digests;

/// <summary>
/// Runs digests: count → decide → render → send → record, through the run ledger. The background scheduler calls
/// it; hosts with their own scheduler (Quartz, Hangfire, cron) call <see cref="RunDueAsync"/> themselves.
/// </summary>
public interface IDigestRunner
{
    /// <summary>
    /// Runs every window that is due now, or those <paramref name="request"/> selects (such as one subscription's, for a
    /// command that sends one subscription's digest): each active subscription's latest send time (and missed ones, per
    /// <see cref="DigestOptions.CatchUp"/>), and the pending runs whose retry is due, oldest window first. Finished
    /// windows are skipped, so calling it more often than needed is harmless.
    /// </summary>
    /// <param name="request">Which windows; <see langword="null"/> for every subscription's.</param>
    /// <param name="cancellationToken">Stops between runs; a run cut off mid-way is retried after its lease.</param>
    /// <returns>What each run did.</returns>
    ValueTask<IReadOnlyList<DigestRunResult>> RunDueAsync(DigestRunDueRequest? request = null, CancellationToken cancellationToken = default);

    /// <summary>Runs one subscription over one window, through the ledger (a window already done is skipped).</summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="window">The window.</param>
    /// <param name="trigger">What starts it.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What the run did.</returns>
    ValueTask<DigestRunResult> RunWindowAsync(string subscriptionId, DigestWindow window, DigestTrigger trigger = DigestTrigger.Scheduled, CancellationToken cancellationToken = default);

    /// <summary>
    /// The on-demand audit ("discover and receive mail"): runs one subscription now over its last window (ending now),
    /// with the same threshold rule. With <paramref name="testMode"/> (or when the subscription is in test mode) the
    /// digest is sent whatever the count, marked as a test.
    /// </summary>
    /// <param name="subscriptionId">The subscription.</param>
    /// <param name="testMode">Whether to send it as a test.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>What the run did.</returns>
    ValueTask<DigestRunResult> AuditAsync(string subscriptionId, bool testMode = false, CancellationToken cancellationToken = default);
}
