namespace PosFleet.Logs.Scanning;

/// <summary>
/// What a scan looks at. <see cref="From"/>, <see cref="To"/>, <see cref="Terminal"/> and <see cref="Organization"/>
/// narrow every count; <see cref="Kinds"/>, <see cref="Reference"/> and <see cref="Text"/> choose the lines that are
/// grouped into templates and terminals (the selected lines).
/// </summary>
public sealed record LogScanFilter
{
    /// <summary>The four kinds that digests report.</summary>
    public static IReadOnlySet<LogKind> AllKinds { get; } = new HashSet<LogKind> { LogKind.Error, LogKind.Fail, LogKind.Offline, LogKind.Retry };

    /// <summary>Lines written at or after this instant, or <see langword="null"/> for no lower bound.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Lines written before this instant, or <see langword="null"/> for no upper bound.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The kinds selected.</summary>
    /// <value>The default value is <see cref="AllKinds"/>.</value>
    public IReadOnlySet<LogKind> Kinds { get; init; } = AllKinds;

    /// <summary>Only this terminal's lines, or <see langword="null"/> for all.</summary>
    public string? Terminal { get; init; }

    /// <summary>Only this organization's lines, or <see langword="null"/> for all.</summary>
    public string? Organization { get; init; }

    /// <summary>Only selected lines carrying this order or ticket reference.</summary>
    public string? Reference { get; init; }

    /// <summary>Only selected lines whose message contains this text (ordinal, case-insensitive for ASCII).</summary>
    public string? Text { get; init; }
}
