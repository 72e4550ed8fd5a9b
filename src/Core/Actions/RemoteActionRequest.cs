namespace PosFleet.Actions;

/// <summary>What a back-office user asks for: an action for one terminal, or for every terminal of an organization.</summary>
public sealed record RemoteActionRequest
{
    /// <summary>The organization.</summary>
    public required string Organization { get; init; }

    /// <summary>The terminal, or <see langword="null"/> for every enrolled (not revoked) terminal of <see cref="Organization"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public string? TerminalId { get; init; }

    /// <summary>The handler's name, such as <see cref="BuiltIn.RemoteActionNames.ClearCache"/>.</summary>
    public required string Name { get; init; }

    /// <summary>The handler's parameters.</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();

    /// <summary>How long it may wait to run, or <see langword="null"/> for <see cref="RemoteActionOptions.DefaultTimeToLive"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>How long one attempt may run, or <see langword="null"/> for <see cref="RemoteActionOptions.DefaultTimeout"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? Timeout { get; init; }

    /// <summary>The most attempts, or <see langword="null"/> for <see cref="RemoteActionOptions.DefaultMaxAttempts"/>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public int? MaxAttempts { get; init; }
}
