using PosFleet.Sync.Outbox;

namespace PosFleet.Sync.Exchange;

/// <summary>
/// What a terminal sends in one exchange (ARCHITECTURE.md, "the one exchange"): who it is, its heartbeat and a batch
/// of its outbox. Later versions add fields (log batches, action results, the checkpoint); a reader of this version
/// ignores them, and a field missing from an older terminal's request reads as its default.
/// </summary>
public sealed record SyncRequest
{
    /// <summary>The protocol version the terminal speaks.</summary>
    /// <value>The default value is <see cref="SyncProtocol.CurrentVersion"/>.</value>
    public int ProtocolVersion { get; init; } = SyncProtocol.CurrentVersion;

    /// <summary>The terminal's id; the back office checks it against the terminal its credential was issued to.</summary>
    public required string TerminalId { get; init; }

    /// <summary>The organization the terminal states it belongs to (checked like <see cref="TerminalId"/>), or <see langword="null"/> to take the one it was enrolled in.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Organization { get; init; }

    /// <summary>The terminal's state: its application version, last update, last error.</summary>
    public required SyncHeartbeat Heartbeat { get; init; }

    /// <summary>The oldest messages of the terminal's outbox, in order; acknowledged ones come back in <see cref="SyncResponse.Acknowledged"/>.</summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<OutboxMessage> Outbox { get; init; } = [];

    /// <summary>
    /// The terminal's change checkpoint (<see cref="Changes.ChangeBatch.Checkpoint"/> of the last batch it imported, 0
    /// before the first): the back office answers with the changes after it. <see langword="null"/> when the terminal imports no changes.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? ChangeCheckpoint { get; init; }

    /// <summary>
    /// The version of the connector configuration the terminal runs (<see cref="Configurations.TerminalConfiguration.Version"/>,
    /// 0 for none); the back office records it and sends a newer one. <see langword="null"/> when the terminal takes no configurations.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? ConfigurationVersion { get; init; }

    /// <summary>
    /// The terminal's reports on its remote actions (attempts started, outcomes, upload chunks) waiting for the back
    /// office's acknowledgement (<see cref="Actions.RemoteActionBatch.Recorded"/>); <see langword="null"/> when the
    /// terminal takes no remote actions, and then none are delivered to it.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public IReadOnlyList<Actions.RemoteActionReport>? ActionResults { get; init; }

    /// <summary>
    /// The package the terminal installs, the version it runs and its answer to the last offer
    /// (<see cref="Updates.PackageReport"/>); <see langword="null"/> when the terminal takes no packages.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Updates.PackageReport? PackageReport { get; init; }
}
