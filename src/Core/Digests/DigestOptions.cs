namespace PosFleet.Digests;

/// <summary>How the digests of a host are scheduled, rendered and retried.</summary>
public sealed class DigestOptions
{
    /// <summary>Whether the background scheduler runs in this host. Hosts with their own scheduler turn it off and call <see cref="IDigestRunner.RunDueAsync"/>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableScheduler { get; set; } = true;

    /// <summary>What to do with windows missed while the host was down.</summary>
    /// <value>The default value is <see cref="DigestCatchUp.LatestOnly"/>.</value>
    public DigestCatchUp CatchUp { get; set; } = DigestCatchUp.LatestOnly;

    /// <summary>How many missed windows of one subscription are looked at, at most, when catching up.</summary>
    /// <value>The default value is 7.</value>
    public int MaxCatchUpWindows { get; set; } = 7;

    /// <summary>How late a window may be run and still count as on time rather than missed (a slow previous run, a short restart).</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan MissedWindowGrace { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How many groups (messages) a digest lists before "and N more".</summary>
    /// <value>The default value is 20.</value>
    public int MaxGroups { get; set; } = 20;

    /// <summary>How many terminals a digest lists before "and N more".</summary>
    /// <value>The default value is 20.</value>
    public int MaxTerminals { get; set; } = 20;

    /// <summary>How long a claimed run stays with its host; a host that crashed mid-run loses it after this and another takes it over.</summary>
    /// <value>The default value is 10 minutes.</value>
    public TimeSpan RunLease { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The base delay of the retries of a run left pending by transient failures: the back-off is Polly's exponential
    /// one (about 5, 10, 20, 40 minutes … by default), capped at <see cref="MaxRetryDelay"/>, with jitter unless
    /// <see cref="UseRetryJitter"/> is off. The ledger records when the next attempt is due, so retries survive a restart.
    /// </summary>
    /// <value>The default value is 5 minutes (at most 1 day).</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The longest delay between two attempts of a run.</summary>
    /// <value>The default value is 1 hour (at most 1 day).</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Whether the retry delays are spread at random around the exponential curve (Polly's decorrelated jitter), so
    /// that the hosts of a fleet whose mail server failed at once do not all retry at the same instant.
    /// </summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseRetryJitter { get; set; } = true;

    /// <summary>How many attempts a run gets before its pending recipients are recorded as failed.</summary>
    /// <value>The default value is 10.</value>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>How often the scheduler looks at the subscriptions again when no send time is nearer (to notice new ones).</summary>
    /// <value>The default value is 1 minute.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Who this host is in the run ledger.</summary>
    /// <value>The default value is the machine name, the process id and a random suffix.</value>
    public string HostId { get; set; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("n")[..8]}";

    /// <summary>Subscriptions saved into the store at start-up (such as from <c>appsettings.json</c>), replacing those with the same id.</summary>
    /// <value>The default value is an empty list.</value>
    public IList<DigestSubscription> Subscriptions { get; } = [];
}
