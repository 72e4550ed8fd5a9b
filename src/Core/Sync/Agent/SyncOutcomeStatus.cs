namespace PosFleet.Sync.Agent;

/// <summary>How a terminal's sync ended.</summary>
public enum SyncOutcomeStatus
{
    /// <summary>The back office answered and accepted the exchange.</summary>
    Succeeded = 0,

    /// <summary>The back office could not be reached, or its answer was lost; the agent backs off and tries again.</summary>
    Unreachable = 1,

    /// <summary>The back office refused the terminal (its protocol or application version is too old): see <see cref="SyncOutcome.Error"/>.</summary>
    Refused = 2,

    /// <summary>The back office did not accept the terminal's credential (unknown, revoked, or used for another terminal).</summary>
    Unauthorized = 3,

    /// <summary>The exchange failed on the terminal (its outbox could not be read or written).</summary>
    Failed = 4,
}
