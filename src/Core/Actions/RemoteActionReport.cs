namespace PosFleet.Actions;

/// <summary>
/// What a terminal reports about an action in a <see cref="Sync.Exchange.SyncRequest"/>: that an attempt started, its
/// outcome, or a chunk of the file it uploads. Reports are kept at the terminal until the back office acknowledges
/// them (<see cref="RemoteActionBatch.Recorded"/>), and the back office records each state once, so a report sent
/// again after a lost response changes nothing.
/// </summary>
public sealed record RemoteActionReport
{
    /// <summary>The report's own id, which the back office acknowledges.</summary>
    public required Guid Id { get; init; }

    /// <summary>The action reported on.</summary>
    public required Guid ActionId { get; init; }

    /// <summary>Running, or the outcome: Succeeded, Failed, Rejected or Expired.</summary>
    public required RemoteActionState State { get; init; }

    /// <summary>When the terminal entered the state.</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The attempt (1 for the first run; 0 when the action was rejected or expired without running).</summary>
    /// <value>The default value is 0.</value>
    public int Attempt { get; init; }

    /// <summary>The detail: why it was retried, rejected or failed, or what it found.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Detail { get; init; }

    /// <summary>The handler's output (bounded), with the outcome.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Output { get; init; }

    /// <summary>A chunk of the file the action uploads, or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public RemoteActionUploadChunk? Upload { get; init; }
}
