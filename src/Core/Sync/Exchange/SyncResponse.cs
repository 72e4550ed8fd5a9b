namespace PosFleet.Sync.Exchange;

/// <summary>
/// What the back office answers to a <see cref="SyncRequest"/>: the outbox messages it accepted (the terminal deletes
/// exactly those), or why it refused the terminal, and when to come back. Later versions add the change batch and its
/// checkpoint, pending actions and package offers; a terminal of this version ignores them.
/// </summary>
public sealed record SyncResponse
{
    /// <summary>The protocol version the back office answered in.</summary>
    /// <value>The default value is <see cref="SyncProtocol.CurrentVersion"/>.</value>
    public int ProtocolVersion { get; init; } = SyncProtocol.CurrentVersion;

    /// <summary>
    /// The ids of the request's outbox messages that the back office has applied (now or in an earlier exchange: a
    /// replayed request gets the same acknowledgements). Messages not listed are sent again later.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<Guid> Acknowledged { get; init; } = [];

    /// <summary>
    /// The request's outbox messages that the back office rejected for good (no handler for their type, or their
    /// handler found them invalid), each with the reason: acknowledged too — the back office keeps them as dead letters
    /// and never applies them — so the terminal moves them out of its outbox (<see cref="Outbox.IOutbox.RejectAsync"/>)
    /// and its later messages flow. A replayed request gets the same rejections. Not listed in <see cref="Acknowledged"/>,
    /// so a terminal that does not read this field keeps them rather than dropping them unseen.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<Outbox.OutboxRejection> Rejected { get; init; } = [];

    /// <summary>Why the back office refused the terminal (nothing was applied), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public SyncRefusal? Refusal { get; init; }

    /// <summary>When the back office would like the terminal to exchange again, or <see langword="null"/> for the terminal's own interval.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? NextInterval { get; init; }

    /// <summary>The back office's clock when it answered.</summary>
    public DateTimeOffset ServerTime { get; init; }

    /// <summary>
    /// The changes of the terminal's organization after the request's <see cref="SyncRequest.ChangeCheckpoint"/>, with
    /// the new checkpoint, or <see langword="null"/> when the terminal asked for none or the back office exports none.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Changes.ChangeBatch? Changes { get; init; }

    /// <summary>The terminal's connector configuration, when the back office holds a newer version than the one the request reported; otherwise <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Configurations.TerminalConfiguration? Configuration { get; init; }

    /// <summary>
    /// The terminal's remote actions to run and the reports of the request the back office recorded, or
    /// <see langword="null"/> when the request carried no <see cref="SyncRequest.ActionResults"/>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Actions.RemoteActionBatch? Actions { get; init; }

    /// <summary>The package the terminal should install (its organization's target, in the rollout's current stage), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Updates.PackageOffer? PackageOffer { get; init; }
}
