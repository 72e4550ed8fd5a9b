using System.Diagnostics;
using PosFleet.Diagnostics;

namespace PosFleet.Actions;

internal sealed partial class RemoteActionQueue
{
    /// <summary>Queues the action, traced as a producer: it is delivered and run later, on the terminals.</summary>
    public async Task<IReadOnlyList<RemoteActionQueued>> QueueAsync(RemoteActionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.action.queue", ActivityKind.Producer);
        activity?.SetTag("posfleet.organization.id", request.Organization);
        activity?.SetTag("posfleet.action.name", request.Name);
        try
        {
            var queued = await QueueUnmeasuredAsync(request, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("posfleet.action.queued", queued.Count);
            return queued;
        }
        catch (Exception ex)
        {
            PosFleetInstruments.Fail(activity, PosFleetInstruments.ErrorTypeOf(ex));
            throw;
        }
    }
}
