namespace PosFleet.Actions.Terminal;

/// <summary>What a <see cref="IRemoteActionHandler"/> is told about the attempt it runs.</summary>
public sealed record RemoteActionContext
{
    /// <summary>The action's id (stable across attempts and restarts: a handler can key its own idempotence on it).</summary>
    public required Guid ActionId { get; init; }

    /// <summary>The action's name.</summary>
    public required string Name { get; init; }

    /// <summary>Its parameters.</summary>
    public required IReadOnlyDictionary<string, string> Parameters { get; init; }

    /// <summary>This attempt (1 for the first).</summary>
    public required int Attempt { get; init; }

    /// <summary>The most attempts.</summary>
    public required int MaxAttempts { get; init; }

    /// <summary>
    /// <see langword="true"/> when the terminal stopped (a crash, a kill, a power cut) while an earlier attempt ran:
    /// that attempt may have done all, part or none of its work, and the handler decides whether to run again, check,
    /// or report.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool IsRecovery { get; init; }

    /// <summary>Why the previous attempt ended (a transient failure, a timeout, a restart), or <see langword="null"/> on the first.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? PreviousFailure { get; init; }

    /// <summary>A folder of its own where the handler may write a file to upload (<see cref="RemoteActionOutcome.UploadPath"/>).</summary>
    public required string WorkDirectory { get; init; }
}
