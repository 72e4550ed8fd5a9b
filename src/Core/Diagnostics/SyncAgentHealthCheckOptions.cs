namespace PosFleet.Diagnostics;

/// <summary>When the sync agent's health check (<c>AddPosFleetSyncAgent</c>) turns degraded and unhealthy; checked at start-up.</summary>
public sealed class SyncAgentHealthCheckOptions
{
    /// <summary>
    /// How long after the agent starts the terminal may have no successful exchange yet and be only degraded ("no
    /// exchange yet"); past it, still without one, it is unhealthy.
    /// </summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How many sync intervals (<see cref="Sync.Agent.SyncAgentOptions.Interval"/>) may pass after the last successful
    /// exchange before the terminal is unhealthy, although no exchange failed since.
    /// </summary>
    /// <value>The default value is 3.</value>
    public int IntervalFactor { get; set; } = 3;
}
