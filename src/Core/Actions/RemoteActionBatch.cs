namespace PosFleet.Actions;

/// <summary>The actions part of a <see cref="Sync.Exchange.SyncResponse"/>: the actions to run and the reports the back office recorded.</summary>
public sealed record RemoteActionBatch
{
    /// <summary>
    /// The terminal's actions delivered and not yet reported on, oldest first. An action comes again in each response
    /// until the terminal reports on it; the terminal runs it once.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<RemoteActionDelivery> Actions { get; init; } = [];

    /// <summary>
    /// The ids of the request's reports that the back office recorded (now or earlier) or refused for good
    /// (<see cref="Refusals"/>); the terminal deletes exactly those.
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<Guid> Recorded { get; init; } = [];

    /// <summary>
    /// The request's reports the back office refused for good, each with why: they are in <see cref="Recorded"/> too, so
    /// the terminal deletes them and says why in its log, and they changed no action. A refused upload chunk (past the
    /// upload limit, after a gap, or for an action already done) stops that upload: the terminal sends its outcome, which
    /// the back office answers as already recorded when it has failed the action ("upload refused: why").
    /// </summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<RemoteActionRefusal> Refusals { get; init; } = [];
}
