using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Output;

/// <summary>Reads the dashboard of an opened store through the SDK's <see cref="ILogDashboard"/>, as a host would.</summary>
internal static class Dashboard
{
    /// <summary>The dashboard of the <paramref name="hours"/> up to the end of the hour holding <paramref name="asOf"/> (default: now).</summary>
    public static async Task<LogDashboardSnapshot> LoadAsync(
        ILogStore store, DateTimeOffset? asOf, int hours, int top, string? terminal, string? organization, CancellationToken cancellationToken)
    {
        // The store is the one the command opened (and disposes): AddPosFleet keeps it (TryAdd) and adds the dashboard over it.
        var services = new ServiceCollection();
        services.AddSingleton(store);
        services.AddPosFleet();
        await using var provider = services.BuildServiceProvider();
        var query = new LogDashboardQuery
        {
            AsOf = asOf,
            Window = TimeSpan.FromHours(hours),
            Top = top,
            Terminal = terminal,
            Organization = organization,
        };
        return await provider.GetRequiredService<ILogDashboard>().GetAsync(query, cancellationToken);
    }
}
