namespace PosFleet.Notifications.Engine;

/// <summary>The notification engine's rules and its dispatcher's pace and retries. Bindable from configuration.</summary>
public sealed class NotificationEngineOptions
{
    /// <summary>The rules; an event matching several notifies the union of their audiences, each person once per channel.</summary>
    /// <value>The default value is an empty list: only assignments notify (by push).</value>
    public IList<NotificationRule> Rules { get; set; } = [];

    /// <summary>
    /// The audiences whose members need a linked login with a profile to be notified on any channel (seed 002:
    /// administrators and technicians). Push and in-app always need a login, whoever the recipient.
    /// </summary>
    /// <value>The default value is <c>administrators</c>, <c>technicians</c> and every <c>role:</c> audience (written <c>role:*</c>).</value>
    public IList<string> RequireProfile { get; set; } = ["administrators", "technicians", "role:*"];

    /// <summary>Whether the dispatcher runs as a hosted service in this host; a host with its own loop calls <see cref="INotificationDispatcher.DispatchDueAsync"/>.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool EnableDispatcher { get; set; } = true;

    /// <summary>How often the dispatcher looks for due deliveries when nothing woke it (deferred, retried, or queued by another process).</summary>
    /// <value>The default value is 5 seconds.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many deliveries the dispatcher claims at once.</summary>
    /// <value>The default value is 100.</value>
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a claim lasts: a dispatcher that dies holding deliveries loses them after this, and they are sent again with the same key.</summary>
    /// <value>The default value is 5 minutes.</value>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many attempts a delivery gets before it is recorded as failed.</summary>
    /// <value>The default value is 8.</value>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The base delay of Polly's exponential back-off between attempts (about 30 s, 1, 2, 4 minutes …).</summary>
    /// <value>The default value is 30 seconds.</value>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest delay between two attempts.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Whether the retry delays are jittered (Polly's decorrelated jitter).</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseRetryJitter { get; set; } = true;
}
