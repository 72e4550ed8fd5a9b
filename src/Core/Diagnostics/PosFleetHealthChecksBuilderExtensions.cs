using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using PosFleet.Sync.Agent;

namespace PosFleet.Diagnostics;

/// <summary>
/// PosFleet's health checks on <c>services.AddHealthChecks()</c>, one method per component as the
/// <c>AspNetCore.HealthChecks.*</c> packages do; the connectors add theirs (<c>AddPosFleetSqlite</c>,
/// <c>AddPosFleetSmtp</c>).
/// </summary>
public static class PosFleetHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the terminal's sync agent (<c>AddSyncAgent</c>): unhealthy when the back office refuses the terminal or no
    /// sync has succeeded for three sync intervals plus the longest retry delay; degraded while it cannot be reached
    /// before that.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when unhealthy; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by (such as <c>ready</c>).</param>
    /// <returns>The <paramref name="builder"/>, to chain.</returns>
    public static IHealthChecksBuilder AddPosFleetSyncAgent(this IHealthChecksBuilder builder, string name = "posfleet-sync-agent", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => sp.GetService<SyncAgent>() is { } agent
                ? ActivatorUtilities.CreateInstance<SyncAgentHealthCheck>(sp, agent)
                : throw new InvalidOperationException("AddPosFleetSyncAgent checks the sync agent, which is not registered: call AddSyncAgent on the PosFleet builder."),
            failureStatus,
            tags));
    }
}
