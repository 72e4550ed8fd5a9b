namespace PosFleet.Status;

/// <summary>
/// What a store needs to judge health inside its query (so that filtering by health and paging agree): the instant,
/// how long a silence is allowed and each organization's target version.
/// </summary>
public sealed record TerminalHealthRules
{
    /// <summary>The instant health is judged at.</summary>
    public required DateTimeOffset Now { get; init; }

    /// <summary>A terminal is grey once silent for longer than its sync interval × this factor.</summary>
    public required double SilenceFactor { get; init; }

    /// <summary>The sync interval of a terminal that did not state its own.</summary>
    public required TimeSpan DefaultSyncInterval { get; init; }

    /// <summary>The target version per organization; an organization not listed has none (never yellow).</summary>
    public required IReadOnlyDictionary<string, string> TargetVersions { get; init; }
}
