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

    public required IReadOnlyList<LogTemplateGroup> Groups { get; init; }

    /// <summary>Entries of the window not in <see cref="Groups"/> (the cap cut their groups off).</summary>
    public required long UnlistedCount { get; init; }

    public required IReadOnlyList<TerminalCount> Terminals { get; init; }

    public required int UnlistedTerminals { get; init; }
}

/// <summary>How many entries one terminal wrote in the window, in total and per kind.</summary>
internal sealed record TerminalCount(string? Terminal, long Count, IReadOnlyList<KeyValuePair<LogKind, long>> PerKind);
