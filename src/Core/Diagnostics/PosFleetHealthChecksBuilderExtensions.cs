using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
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
    /// Checks the terminal's sync agent (<c>AddSyncAgent</c>): degraded while no exchange has succeeded yet within
    /// <see cref="SyncAgentHealthCheckOptions.GracePeriod"/> of its start; unhealthy when the back office refuses the
    /// terminal, when the last exchange failed, or when the last success is older than the sync interval ×
    /// <see cref="SyncAgentHealthCheckOptions.IntervalFactor"/>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported when unhealthy; <see cref="HealthStatus.Unhealthy"/> when <see langword="null"/>.</param>
    /// <param name="tags">Tags to filter checks by (such as <c>ready</c>).</param>
    /// <param name="configure">Sets the grace period and the interval factor; checked at start-up.</param>
    /// <returns>The <paramref name="builder"/>, to chain.</returns>
    public static IHealthChecksBuilder AddPosFleetSyncAgent(this IHealthChecksBuilder builder, string name = "posfleet-sync-agent", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null, Action<SyncAgentHealthCheckOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SyncAgentHealthCheckOptions>(name);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncAgentHealthCheckOptions>, SyncAgentHealthCheckOptionsValidator>());
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => sp.GetService<SyncAgent>() is { } agent
                ? ActivatorUtilities.CreateInstance<SyncAgentHealthCheck>(sp, agent, sp.GetRequiredService<IOptionsMonitor<SyncAgentHealthCheckOptions>>().Get(name))
                : throw new InvalidOperationException("AddPosFleetSyncAgent checks the sync agent, which is not registered: call AddSyncAgent on the PosFleet builder."),
            failureStatus,
            tags));
    }
}
