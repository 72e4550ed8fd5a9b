using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Digests.Rendering;

/// <summary>What a digest says, read from the log store, before it is put into words.</summary>
internal sealed record DigestContent
{
    public required DigestSubscription Subscription { get; init; }

    public required DigestWindow Window { get; init; }

    public required long Count { get; init; }

    public required bool IsTest { get; init; }

    /// <summary>The window's count per kind, only the kinds present, in the order of <see cref="LogKind"/>.</summary>
    public required IReadOnlyList<KeyValuePair<LogKind, long>> PerKind { get; init; }

    /// <summary>The most frequent messages, most frequent first, at most <see cref="DigestOptions.MaxGroups"/>.</summary>
    public required IReadOnlyList<DigestGroup> Groups { get; init; }

    /// <summary>Entries of the window not in <see cref="Groups"/> (the cap cut their groups off).</summary>
    public required long UnlistedCount { get; init; }

    /// <summary>The busiest terminals, at most <see cref="DigestOptions.MaxTerminals"/>.</summary>
    public required IReadOnlyList<TerminalCount> Terminals { get; init; }

    public required long UnlistedTerminals { get; init; }
}

/// <summary>
/// One message of the window and the terminals that wrote it most, at most
/// <see cref="DigestContentBuilder.TerminalsPerMessage"/> (the group itself still knows how many terminals wrote it).
/// </summary>
internal sealed record DigestGroup(LogTemplateGroup Message, IReadOnlyList<string> TopTerminals);

/// <summary>How many entries one terminal wrote in the window, in total and per kind.</summary>
internal sealed record TerminalCount(string? Terminal, long Count, IReadOnlyList<KeyValuePair<LogKind, long>> PerKind);
