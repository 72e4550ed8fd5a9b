namespace PosFleet.Sync.Exchange;

/// <summary>The state a terminal reports in every exchange (seed 004: version, last update, last error).</summary>
public sealed record SyncHeartbeat
{
    /// <summary>
    /// The terminal application's version, such as <c>34.2</c>; the back office refuses a terminal below
    /// <see cref="SyncBackOfficeOptions.MinimumApplicationVersion"/>.
    /// </summary>
    public required string ApplicationVersion { get; init; }

    /// <summary>When the terminal's application was last updated, if it knows.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public DateTimeOffset? LastUpdate { get; init; }

    /// <summary>The last error of the terminal's previous exchange, or <see langword="null"/> when it succeeded.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? LastError { get; init; }

    /// <summary>How many messages wait in the terminal's outbox, this batch included.</summary>
    /// <value>The default value is 0.</value>
    public long OutboxDepth { get; init; }
}
