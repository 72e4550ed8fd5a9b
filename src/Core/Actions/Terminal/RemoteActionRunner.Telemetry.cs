using System.Diagnostics;
using PosFleet.Diagnostics;

namespace PosFleet.Actions.Terminal;

internal sealed partial class RemoteActionRunner
{
    /// <summary>
    /// One action on the terminal, traced as a consumer (it was queued in the back office) and timed by the state it ended
    /// in; an outcome other than Succeeded is an error whose <c>error.type</c> is that state. An action cut short by the
    /// terminal stopping records no outcome: it runs again as a recovery.
    /// </summary>
    private async Task<RemoteActionState?> RunAsync(RemoteActionEntry entry, bool recovery, CancellationToken cancellationToken)
    {
        var delivery = entry.Delivery;
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.action.run", ActivityKind.Consumer);
        activity?.SetTag("posfleet.action.id", delivery.Id.ToString("N"));
        activity?.SetTag("posfleet.action.name", delivery.Name);
        activity?.SetTag("posfleet.action.recovery", recovery);
        var started = Stopwatch.GetTimestamp();
        string? state = null;
        string? error = null;
        try
        {
            var ended = await RunUnmeasuredAsync(entry, recovery, cancellationToken).ConfigureAwait(false);
            if (ended is not { } done)
            {
                activity?.SetTag("posfleet.action.state", "interrupted");
                return null;
            }

            state = done.ToString().ToLowerInvariant();
            activity?.SetTag("posfleet.action.state", state);
            if (done != RemoteActionState.Succeeded)
            {
                error = state;
                PosFleetInstruments.Fail(activity, error);
            }

            return done;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            state = "error";
            error = PosFleetInstruments.ErrorTypeOf(ex);
            PosFleetInstruments.Fail(activity, error);
            throw;
        }
        finally
        {
            if (state is not null)
            {
                PosFleetInstruments.ActionRunDuration.Record(
                    PosFleetInstruments.SecondsSince(started),
                    PosFleetInstruments.Tags(error, "posfleet.action.name", delivery.Name, "posfleet.action.state", state));
            }
        }
    }
}
