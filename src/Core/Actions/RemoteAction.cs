namespace PosFleet.Actions;

/// <summary>A remote action as the back office keeps it: what to run, on which terminal, and every state it went through.</summary>
public sealed record RemoteAction
{
    /// <summary>The action's id, which the terminal reports against.</summary>
    public required Guid Id { get; init; }

    /// <summary>The organization of the terminal.</summary>
    public required string Organization { get; init; }

    /// <summary>The terminal that runs it.</summary>
    public required string TerminalId { get; init; }

    /// <summary>The handler's name, such as <see cref="BuiltIn.RemoteActionNames.ClearCache"/>.</summary>
    public required string Name { get; init; }

    /// <summary>The handler's parameters (names are case-sensitive).</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>The current state.</summary>
    public required RemoteActionState State { get; init; }

    /// <summary>When it was queued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>After this instant it is no longer run (Expired).</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>How long one attempt may run at the terminal before it is stopped and counted as failed.</summary>
    public required TimeSpan Timeout { get; init; }

    /// <summary>How many attempts the terminal makes at most (a failure the handler calls transient, a timeout, a restart while running).</summary>
    public required int MaxAttempts { get; init; }

    /// <summary>The last attempt the terminal reported (0 before the first).</summary>
    /// <value>The default value is 0.</value>
    public int Attempt { get; init; }

    /// <summary>The outcome's detail (or the reason of a rejection, failure, cancellation or expiry), or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Detail { get; init; }

    /// <summary>The handler's output, bounded by <see cref="RemoteActionOptions.MaxOutputChars"/>, or <see langword="null"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? Output { get; init; }

    /// <summary>How many bytes of the file the terminal uploaded for it (the archive of retrieve-logs), or <see langword="null"/> when none.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? UploadedBytes { get; init; }

    /// <summary>Every state it went through, oldest first.</summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<RemoteActionTransition> History { get; init; } = [];
}
