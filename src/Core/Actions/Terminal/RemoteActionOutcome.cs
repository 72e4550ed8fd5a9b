namespace PosFleet.Actions.Terminal;

/// <summary>What an attempt ended with.</summary>
public sealed record RemoteActionOutcome
{
    /// <summary>Succeeded, Failed or Rejected.</summary>
    public required RemoteActionState State { get; init; }

    /// <summary>What it found or did, or why it failed or was refused.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Detail { get; init; }

    /// <summary>Its output (a diagnostic's report), cut to the terminal's <see cref="RemoteActionAgentOptions.MaxOutputChars"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Output { get; init; }

    /// <summary>For a failure: whether another attempt may succeed (the engine retries while attempts remain).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool Retry { get; init; }

    /// <summary>A file the engine uploads in chunks before it reports the outcome (in <see cref="RemoteActionContext.WorkDirectory"/>), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? UploadPath { get; init; }

    /// <summary>A success.</summary>
    /// <param name="detail">What it did.</param>
    /// <param name="output">Its output.</param>
    /// <returns>The outcome.</returns>
    public static RemoteActionOutcome Succeeded(string? detail = null, string? output = null) => new() { State = RemoteActionState.Succeeded, Detail = detail, Output = output };

    /// <summary>A failure.</summary>
    /// <param name="reason">Why.</param>
    /// <param name="retry">Whether another attempt may succeed.</param>
    /// <returns>The outcome.</returns>
    public static RemoteActionOutcome Failed(string reason, bool retry = false) => new() { State = RemoteActionState.Failed, Detail = reason, Retry = retry };

    /// <summary>A refusal: a precondition is not met, and it is not run.</summary>
    /// <param name="reason">Which precondition, and what to do.</param>
    /// <returns>The outcome.</returns>
    public static RemoteActionOutcome Rejected(string reason) => new() { State = RemoteActionState.Rejected, Detail = reason };
}
