using PosFleet.Logs.Dashboard;

namespace PosFleet.Cli.Output;

/// <summary>Reads the dashboard of an opened store through the SDK's <see cref="ILogDashboard"/>, as a host would.</summary>
internal static class Dashboard
{
    /// <summary>The dashboard of the <paramref name="hours"/> up to the end of the hour holding <paramref name="asOf"/> (default: now).</summary>
    public static async Task<LogDashboardSnapshot> LoadAsync(
        ILogDashboard dashboard, DateTimeOffset? asOf, int hours, int top, string? terminal, string? organization, CancellationToken cancellationToken)
    {
        var query = new LogDashboardQuery
        {
            AsOf = asOf,
            Window = TimeSpan.FromHours(hours),
            Top = top,
            Terminal = terminal,
            Organization = organization,
        };
        return await dashboard.GetAsync(query, cancellationToken);
    }
}
