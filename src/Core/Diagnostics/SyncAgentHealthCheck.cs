using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Agent;

namespace PosFleet.Diagnostics;

/// <summary>
/// The terminal's sync with the back office: healthy after a sync that succeeded (or before the first has ended);
/// degraded while the back office cannot be reached but the last success is recent; unhealthy when the back office
/// refuses the terminal (its credential or version: a person must act) or when no sync has succeeded for
/// <see cref="SyncAgentOptions.Interval"/> × <see cref="SilentIntervals"/> plus the longest retry delay.
/// </summary>
internal sealed class SyncAgentHealthCheck(SyncAgent agent, IOptions<SyncAgentOptions> options, TimeProvider time) : IHealthCheck
{
    /// <summary>The intervals without a successful sync after which the agent is unhealthy.</summary>
    public const int SilentIntervals = 3;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var last = agent.LastOutcome;
        if (last is null)
        {
            return Task.FromResult(HealthCheckResult.Healthy("No sync has ended yet."));
        }

        var data = new Dictionary<string, object>
        {
            ["status"] = last.Status.ToString(),
            ["completedAt"] = last.CompletedAt,
        };
        if (agent.LastSucceededAt is { } succeeded)
        {
            data["lastSucceededAt"] = succeeded;
        }

        if (last.Status == SyncOutcomeStatus.Succeeded)
        {
            return Task.FromResult(HealthCheckResult.Healthy($"The last sync succeeded at {last.CompletedAt:u}.", data));
        }

        if (last.Status is SyncOutcomeStatus.Unauthorized or SyncOutcomeStatus.Refused)
        {
            return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"The back office refuses the terminal ({last.Status}): {last.Error}", data: data));
        }

        var o = options.Value;
        var allowed = o.Interval * SilentIntervals + o.MaxRetryDelay;
        var since = agent.LastSucceededAt ?? DateTimeOffset.MinValue;
        if (time.GetUtcNow() - since <= allowed)
        {
            return Task.FromResult(HealthCheckResult.Degraded($"The last sync did not succeed ({last.Status}): {last.Error}", data: data));
        }

        var when = agent.LastSucceededAt is { } at ? $"since {at:u}" : "yet";
        return Task.FromResult(new HealthCheckResult(context.Registration.FailureStatus, $"No sync has succeeded {when} ({last.Status}): {last.Error}", data: data));
    }
}
