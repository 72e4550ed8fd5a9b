using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Agent;

namespace PosFleet.Diagnostics;

/// <summary>
/// The terminal's exchanges with the back office. Before the first successful exchange: degraded ("no exchange yet")
/// for <see cref="SyncAgentHealthCheckOptions.GracePeriod"/> after the agent started, unhealthy past it or at once when
/// the back office refuses the terminal. After it: healthy while the last exchange succeeded less than
/// <see cref="SyncAgentOptions.Interval"/> × <see cref="SyncAgentHealthCheckOptions.IntervalFactor"/> ago; unhealthy when the
/// last exchange failed or is older than that.
/// </summary>
internal sealed class SyncAgentHealthCheck(SyncAgent agent, IOptions<SyncAgentOptions> options, SyncAgentHealthCheckOptions health, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(Check(context.Registration.FailureStatus));
    }

    private HealthCheckResult Check(HealthStatus failure)
    {
        var now = time.GetUtcNow();
        var last = agent.LastOutcome;
        var data = new Dictionary<string, object> { ["startedAt"] = agent.StartedAt };
        if (last is not null)
        {
            data["status"] = last.Status.ToString();
            data["completedAt"] = last.CompletedAt;
        }

        if (last?.Status is SyncOutcomeStatus.Unauthorized or SyncOutcomeStatus.Refused)
        {
            // A person must act (a credential, a version): no grace period makes this better.
            return new HealthCheckResult(failure, $"The back office refuses the terminal ({last.Status}): {last.Error}", data: data);
        }

        if (agent.LastSucceededAt is not { } succeeded)
        {
            var why = last is null ? "no exchange yet" : $"no exchange has succeeded yet; the last ended {last.Status}: {last.Error}";
            return now - agent.StartedAt <= health.GracePeriod
                ? HealthCheckResult.Degraded($"The sync agent started at {agent.StartedAt:u}: {why}.", data: data)
                : new HealthCheckResult(failure, string.Create(CultureInfo.InvariantCulture, $"The sync agent started at {agent.StartedAt:u}, more than {health.GracePeriod} ago: {why}."), data: data);
        }

        data["lastSucceededAt"] = succeeded;
        if (last!.Status != SyncOutcomeStatus.Succeeded)
        {
            return new HealthCheckResult(failure, $"The last exchange failed ({last.Status}): {last.Error}; the last that succeeded ended at {succeeded:u}.", data: data);
        }

        var allowed = options.Value.Interval * health.IntervalFactor;
        return now - succeeded <= allowed
            ? HealthCheckResult.Healthy($"The last exchange succeeded at {succeeded:u}.", data)
            : new HealthCheckResult(failure, string.Create(CultureInfo.InvariantCulture, $"The last exchange succeeded at {succeeded:u}, more than {health.IntervalFactor} sync intervals ({allowed}) ago, and none has been made since."), data: data);
    }
}
