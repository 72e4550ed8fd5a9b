namespace PosFleet.Status;

/// <summary>
/// The latest state the back office holds for one terminal, from the heartbeat of its last exchange (seed 004:
/// version, last update, last sync, last sync error, organization) and when that heartbeat arrived.
/// </summary>
public sealed record TerminalStatus
{
    /// <summary>The terminal's id.</summary>
    public required string TerminalId { get; init; }

    /// <summary>The organization the terminal belongs to (its credential's).</summary>
    public required string Organization { get; init; }

    /// <summary>The application version the terminal runs, such as <c>34.2</c>.</summary>
    public required string ApplicationVersion { get; init; }

    /// <summary>When the terminal's application was last updated, if it said.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public DateTimeOffset? LastUpdate { get; init; }

    /// <summary>When the terminal last synced successfully, by its own clock, if it ever did.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public DateTimeOffset? LastSync { get; init; }

    /// <summary>The error of the terminal's last exchange, or <see langword="null"/> when it succeeded: the board shows the terminal red.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? LastSyncError { get; init; }

    /// <summary>How many messages waited in the terminal's outbox.</summary>
    /// <value>The default value is 0.</value>
    public long OutboxDepth { get; init; }

    /// <summary>How long the oldest unsent message had waited in the outbox, or <see langword="null"/> when it was empty.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? OldestUnsentAge { get; init; }

    /// <summary>The interval the terminal syncs at, or <see langword="null"/> when it did not say (<see cref="StatusOptions.DefaultSyncInterval"/> is used).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? SyncInterval { get; init; }

    /// <summary>When the back office received this heartbeat, by its own clock.</summary>
    public required DateTimeOffset ReceivedAt { get; init; }
}
