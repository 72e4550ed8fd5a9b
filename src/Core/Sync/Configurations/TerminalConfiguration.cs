namespace PosFleet.Sync.Configurations;

/// <summary>
/// A connector's configuration as the back office holds it for one terminal (seed 001: its settings and its sync
/// interval), versioned: the terminal receives a newer version in a response, applies it, and reports the version it runs.
/// </summary>
public sealed record TerminalConfiguration
{
    /// <summary>The version; each change on the back office adds one.</summary>
    public long Version { get; init; }

    /// <summary>How often the terminal syncs, or <see langword="null"/> for its own <c>SyncAgentOptions.Interval</c>.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public TimeSpan? SyncInterval { get; init; }

    /// <summary>The connector's settings, by name.</summary>
    /// <value>The default value is an empty dictionary.</value>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();
}
