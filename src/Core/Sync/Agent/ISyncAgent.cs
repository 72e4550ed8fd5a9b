namespace PosFleet.Sync.Agent;

/// <summary>
/// The terminal's sync agent (a hosted service, registered by <c>AddSyncAgent</c>): exchanges with the back office
/// every <see cref="SyncAgentOptions.Interval"/> and backs off while it cannot be reached. A host also triggers an
/// exchange itself, such as right after a sale.
/// </summary>
public interface ISyncAgent
{
    /// <summary>The outcome of the last exchange that ended, or <see langword="null"/> before the first.</summary>
    SyncOutcome? LastOutcome { get; }

    /// <summary>
    /// Exchanges now (after the exchange under way, if one is), sending the outbox until it is empty or
    /// <see cref="SyncAgentOptions.MaxExchangesPerSync"/> exchanges were made. Never throws for an unreachable or
    /// refusing back office: the outcome says what happened. Once the host stops the agent, an exchange under way ends
    /// and later calls throw <see cref="OperationCanceledException"/>, whatever token was passed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the exchange.</param>
    /// <returns>The outcome.</returns>
    Task<SyncOutcome> SyncNowAsync(CancellationToken cancellationToken = default);
}
