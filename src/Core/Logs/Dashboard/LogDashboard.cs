using System.Collections.Frozen;
using Microsoft.Extensions.Options;
using PosFleet.Logs.Storage;

namespace PosFleet.Logs.Dashboard;

/// <summary>Composes the dashboard from three reads of the store: the hourly counts, the top templates, the top terminals.</summary>
internal sealed class LogDashboard(ILogStore store, TimeProvider timeProvider, IOptions<LogDashboardOptions> options) : ILogDashboard
{
    private static readonly FrozenSet<LogSeverity> ErrorsAndAlerts = new[] { LogSeverity.Error, LogSeverity.Alert }.ToFrozenSet();
    private static readonly FrozenSet<LogSeverity> Errors = new[] { LogSeverity.Error }.ToFrozenSet();

    public async ValueTask<LogDashboardSnapshot> GetAsync(LogDashboardQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var defaults = options.Value;
        var window = query.Window ?? defaults.Window;
        if (LogDashboardOptionsValidator.WindowError(window) is { } windowError)
        {
            throw new ArgumentException($"LogDashboardQuery.Window {windowError}", nameof(query));
        }

        var top = query.Top ?? defaults.Top;
        if (LogDashboardOptionsValidator.TopError(top) is { } topError)
        {
            throw new ArgumentException($"LogDashboardQuery.Top {topError}", nameof(query));
        }

        // Whole hours: the window ends at the end of the hour holding asOf.
        var asOf = query.AsOf ?? timeProvider.GetUtcNow();
        var to = new DateTimeOffset(asOf.UtcTicks - (asOf.UtcTicks % TimeSpan.TicksPerHour) + TimeSpan.TicksPerHour, TimeSpan.Zero);
        var from = to - window;
        var scope = new LogQuery { From = from, To = to, Organization = query.Organization, Terminal = query.Terminal };

        var buckets = await store.CountAsync(scope, cancellationToken).ConfigureAwait(false);
        var (hours, severities, kinds) = Tally(buckets, from, window);
        var templates = await store.GroupByTemplateAsync(scope with { Severities = ErrorsAndAlerts }, top, cancellationToken).ConfigureAwait(false);
        var terminals = await store.GroupByTerminalAsync(scope with { Severities = Errors }, top, cancellationToken).ConfigureAwait(false);
        var terminalCount = terminals.Count < top ? terminals.Count : await store.CountTerminalsAsync(scope with { Severities = Errors }, cancellationToken).ConfigureAwait(false);
        return new LogDashboardSnapshot
        {
            From = from,
            To = to,
            Hours = hours,
            Severities = severities,
            Kinds = kinds,
            Templates = templates,
            Terminals = terminals,
            TerminalCount = terminalCount,
        };
    }

    private static (LogDashboardHour[] Hours, Dictionary<LogSeverity, long> Severities, Dictionary<LogKind, long> Kinds) Tally(
        IReadOnlyList<LogCountBucket> buckets, DateTimeOffset from, TimeSpan window)
    {
        var hourCount = (int)(window.Ticks / TimeSpan.TicksPerHour);
        var perHour = new long[hourCount, 3];
        var severities = Enum.GetValues<LogSeverity>().ToDictionary(s => s, _ => 0L);
        var kinds = Enum.GetValues<LogKind>().ToDictionary(k => k, _ => 0L);
        foreach (var bucket in buckets)
        {
            // A store answers for the window it was asked; anything else it returns is not this dashboard's.
            if (bucket.Hour < from || bucket.Hour >= from + window || !severities.ContainsKey(bucket.Severity))
            {
                continue;
            }

            perHour[(bucket.Hour.UtcTicks - from.UtcTicks) / TimeSpan.TicksPerHour, (int)bucket.Severity] += bucket.Count;
            severities[bucket.Severity] += bucket.Count;
            kinds[bucket.Kind] = kinds.GetValueOrDefault(bucket.Kind) + bucket.Count;
        }

        var hours = new LogDashboardHour[hourCount];
        for (var i = 0; i < hourCount; i++)
        {
            hours[i] = new LogDashboardHour(
                from.AddHours(i), perHour[i, (int)LogSeverity.Success], perHour[i, (int)LogSeverity.Alert], perHour[i, (int)LogSeverity.Error]);
        }

        return (hours, severities, kinds);
    }
}
