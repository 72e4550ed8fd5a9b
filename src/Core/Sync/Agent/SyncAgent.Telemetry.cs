using System.Diagnostics;
using PosFleet.Diagnostics;

namespace PosFleet.Sync.Agent;

internal sealed partial class SyncAgent
{
    /// <summary>One sync, traced as a client activity and timed by its outcome.</summary>
    private async Task<SyncOutcome> MeasuredSyncAsync(CancellationToken cancellationToken)
    {
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.sync.agent", ActivityKind.Client);
        var started = Stopwatch.GetTimestamp();
        var status = "canceled";
        try
        {
            var outcome = await SyncAsync(cancellationToken).ConfigureAwait(false);
            status = outcome.Status.ToString().ToLowerInvariant();
            if (activity is not null)
            {
                activity.SetTag("posfleet.sync.status", status);
                activity.SetTag("posfleet.sync.exchanges", outcome.Exchanges);
                activity.SetTag("posfleet.sync.messages.sent", outcome.Sent);
                if (outcome.Status != SyncOutcomeStatus.Succeeded)
                {
                    activity.SetStatus(ActivityStatusCode.Error, outcome.Error);
                }
            }

            return outcome;
        }
        finally
        {
            PosFleetInstruments.AgentDuration.Record(PosFleetInstruments.SecondsSince(started), new KeyValuePair<string, object?>("posfleet.sync.status", status));
        }
    }
}
