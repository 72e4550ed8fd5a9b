using System.Reflection;

namespace PosFleet.Sync.Agent;

/// <summary>How a terminal's sync agent exchanges with its back office; checked at start-up.</summary>
public sealed class SyncAgentOptions
{
    /// <summary>
    /// The credential this terminal was enrolled with (<see cref="Enrolment.TerminalEnrolment.Credential"/>). Required.
    /// A secret: read it from configuration or a secret store, never from a command line; it is never logged.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (not set).</value>
    public string? Credential { get; set; }

    /// <summary>The application version the terminal reports (<see cref="Exchange.SyncHeartbeat.ApplicationVersion"/>).</summary>
    /// <value>The default value is the entry assembly's version.</value>
    public string ApplicationVersion { get; set; } = Assembly.GetEntryAssembly()?.GetName().Version?.ToString() ?? "0.0";

    /// <summary>
    /// When the terminal's application was last updated (<see cref="Exchange.SyncHeartbeat.LastUpdate"/>), for hosts that
    /// install by other means: with package updates (<c>AddPackageUpdates</c>), the heartbeat carries the time of the
    /// last successful install instead, and this value only until the first.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (not known).</value>
    public DateTimeOffset? LastUpdate { get; set; }

    /// <summary>How long the agent waits between two syncs when the back office suggests no interval of its own.</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>At most how much is added at random to each interval, so that the terminals of a fleet started together do not exchange at the same instant.</summary>
    /// <value>The default value is 10 seconds.</value>
    public TimeSpan IntervalJitter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The first delay after a failed exchange; it doubles with each failure (Polly's exponential back-off) up to <see cref="MaxRetryDelay"/>.</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between two attempts while the back office cannot be reached.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether the retry delays are spread at random around the exponential curve (Polly's decorrelated jitter).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseRetryJitter { get; set; } = true;

    /// <summary>The most outbox messages sent in one exchange.</summary>
    /// <value>The default value is 100.</value>
    public int MaxBatchMessages { get; set; } = 100;

    /// <summary>The most payload bytes sent in one exchange (a single larger message still goes alone).</summary>
    /// <value>The default value is 1 MiB.</value>
    public long MaxBatchBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// The most exchanges one sync makes while the outbox still holds messages; the rest wait for the next sync. One more
    /// exchange with no batch may follow a recovering sync, past this cap, so the status board is green when it returns.
    /// </summary>
    /// <value>The default value is 50.</value>
    public int MaxExchangesPerSync { get; set; } = 50;

    /// <summary>Whether the agent exchanges in the background. A host that only calls <see cref="ISyncAgent.SyncNowAsync"/> turns it off.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableBackground { get; set; } = true;
}
