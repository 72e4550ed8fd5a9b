using System.Diagnostics;
using PosFleet.Diagnostics;

namespace PosFleet.Sync.Agent;

internal sealed partial class SyncAgent
{
    /// <summary>
    /// One sync, traced as a client activity and timed by its outcome. As for an HTTP client span, every sync that did
    /// not succeed is an error here (refused and unauthorized included: the terminal cannot do its work), with its
    /// status as <c>error.type</c>.
    /// </summary>
    private async Task<SyncOutcome> MeasuredSyncAsync(CancellationToken cancellationToken)
    {
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.sync.agent", ActivityKind.Client);
        var started = Stopwatch.GetTimestamp();
        var status = "canceled";
        string? error = null;
        try
        {
            var outcome = await SyncAsync(cancellationToken).ConfigureAwait(false);
            status = outcome.Status.ToString().ToLowerInvariant();
            if (activity is not null)
            {
                activity.SetTag("posfleet.sync.status", status);
                activity.SetTag("posfleet.sync.exchanges", outcome.Exchanges);
                activity.SetTag("posfleet.sync.messages.sent", outcome.Sent);
            }

            if (outcome.Status != SyncOutcomeStatus.Succeeded)
            {
                error = status;
                PosFleetInstruments.Fail(activity, error);
            }

            return outcome;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            status = "error";
            error = PosFleetInstruments.ErrorTypeOf(ex);
            PosFleetInstruments.Fail(activity, error);
            throw;
        }
        finally
        {
            PosFleetInstruments.AgentDuration.Record(PosFleetInstruments.SecondsSince(started), PosFleetInstruments.Tags(error, "posfleet.sync.status", status));
        }
    }
}
