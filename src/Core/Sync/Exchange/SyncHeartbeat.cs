namespace PosFleet.Sync.Exchange;

/// <summary>
/// The state a terminal reports in every exchange (seed 004: version, last update, last sync, last sync error; its
/// outbox). The back office keeps it as the terminal's status (<c>AddStatus</c>); the terminal and organization are
/// those of the request's credential.
/// </summary>
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

    /// <summary>
    /// The error of the terminal's previous sync, or <see langword="null"/> when it succeeded. Carried in the first
    /// exchange of the next sync only (the back office adds it to the history once), and never for a refusal, which the
    /// back office recorded itself.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? LastError { get; init; }

    /// <summary>
    /// Whether <see cref="LastError"/> came after the previous sync reached the back office — a step after its exchange
    /// (the import of changes, the remote actions, the acknowledgement) failed — rather than the back office not being
    /// reached or refusing the terminal. The back office then keeps the terminal red until a sync completes cleanly.
    /// </summary>
    /// <value>The default value is <see langword="false"/>, which is also what a terminal that does not send it means.</value>
    public bool LastErrorAfterExchange { get; init; }

    /// <summary>How many messages wait in the terminal's outbox, this batch included.</summary>
    /// <value>The default value is 0.</value>
    public long OutboxDepth { get; init; }

    /// <summary>When the terminal last synced successfully, by its clock, or <see langword="null"/> when it never did (since it started).</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public DateTimeOffset? LastSync { get; init; }

    /// <summary>How long the oldest message of the outbox has waited, or <see langword="null"/> when the outbox is empty.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? OldestUnsentAge { get; init; }

    /// <summary>The interval the terminal syncs at; the back office shows it grey once silent for a few of them.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? SyncInterval { get; init; }
}
