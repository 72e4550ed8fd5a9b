using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Output;

/// <summary>What the dashboard shows, read from a store.</summary>
internal sealed record Dashboard(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<(DateTimeOffset Hour, long Success, long Alert, long Error)> Hours,
    IReadOnlyList<LogTemplateGroup> Templates,
    IReadOnlyList<LogTerminalGroup> Terminals)
{
    public long Total(LogSeverity severity) => Hours.Sum(h => severity switch { LogSeverity.Success => h.Success, LogSeverity.Alert => h.Alert, _ => h.Error });

    public static async Task<Dashboard> LoadAsync(
        ILogStore store, DateTimeOffset asOf, int hours, int top, string? terminal, string? organization, CancellationToken cancellationToken)
    {
        // Whole hours: the window ends at the end of the hour holding asOf.
        var endTicks = asOf.UtcTicks - (asOf.UtcTicks % TimeSpan.TicksPerHour) + TimeSpan.TicksPerHour;
        var to = new DateTimeOffset(endTicks, TimeSpan.Zero);
        var from = to.AddHours(-hours);
        var query = new LogQuery { From = from, To = to, Terminal = terminal, Organization = organization };
        var buckets = await store.CountAsync(query, cancellationToken);
        var perHour = Enumerable.Range(0, hours)
            .Select(i => from.AddHours(i))
            .Select(h => (h,
                buckets.Where(b => b.Hour == h && b.Severity == LogSeverity.Success).Sum(b => b.Count),
                buckets.Where(b => b.Hour == h && b.Severity == LogSeverity.Alert).Sum(b => b.Count),
                buckets.Where(b => b.Hour == h && b.Severity == LogSeverity.Error).Sum(b => b.Count)))
            .ToList();
        var templates = await store.GroupByTemplateAsync(query with { Severities = new HashSet<LogSeverity> { LogSeverity.Error, LogSeverity.Alert } }, top, cancellationToken);
        var terminals = await store.GroupByTerminalAsync(query with { Severities = new HashSet<LogSeverity> { LogSeverity.Error } }, top, cancellationToken);
        return new Dashboard(from, to, perHour, templates, terminals);
    }
}
