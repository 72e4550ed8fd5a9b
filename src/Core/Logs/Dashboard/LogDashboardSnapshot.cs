using PosFleet.Logs.Storage;

namespace PosFleet.Logs.Dashboard;

/// <summary>The dashboard of one window, as read from the store.</summary>
public sealed record LogDashboardSnapshot
{
    /// <summary>The start of the window (UTC, on the hour), included.</summary>
    public DateTimeOffset From { get; init; }

    /// <summary>The end of the window (UTC, on the hour), excluded.</summary>
    public DateTimeOffset To { get; init; }

    /// <summary>Every hour of the window, oldest first, with zeros when nothing was logged.</summary>
    public required IReadOnlyList<LogDashboardHour> Hours { get; init; }

    /// <summary>Entries of the window per severity; every severity is present.</summary>
    public required IReadOnlyDictionary<LogSeverity, long> Severities { get; init; }

    /// <summary>Entries of the window per kind (<see cref="LogKind.None"/> included); every kind is present.</summary>
    public required IReadOnlyDictionary<LogKind, long> Kinds { get; init; }

    /// <summary>The error and alert entries grouped by template, most frequent first, each with its hint and knowledge-base link.</summary>
    public required IReadOnlyList<LogTemplateGroup> Templates { get; init; }

    /// <summary>The terminals with the most error entries, most first (the top ones only).</summary>
    public required IReadOnlyList<LogTerminalGroup> Terminals { get; init; }

    /// <summary>How many terminals had error entries in the window (<see cref="Terminals"/> lists the busiest).</summary>
    public long TerminalCount { get; init; }

    /// <summary>How many entries of the window had <paramref name="severity"/>.</summary>
    /// <param name="severity">The severity.</param>
    /// <returns>The count, 0 when none.</returns>
    public long Total(LogSeverity severity) => Severities.GetValueOrDefault(severity);
}
