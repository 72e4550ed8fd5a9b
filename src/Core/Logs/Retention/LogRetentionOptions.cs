namespace PosFleet.Logs.Retention;

/// <summary>How long log entries are kept, and how often the host deletes older ones (see <c>AddLogRetention</c>).</summary>
public sealed class LogRetentionOptions
{
    /// <summary>
    /// How long entries are kept: entries whose time is older than now minus this period are deleted.
    /// <see langword="null"/> keeps every entry.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (keep everything).</value>
    public TimeSpan? Period { get; set; }

    /// <summary>The time between two runs; the first run is at start-up.</summary>
    /// <value>The default value is 1 hour.</value>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);
}
