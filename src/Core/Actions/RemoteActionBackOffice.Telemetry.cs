using System.Diagnostics;
using PosFleet.Diagnostics;
using PosFleet.Sync.Enrolment;

namespace PosFleet.Actions;

internal sealed partial class RemoteActionBackOffice
{
    /// <summary>
    /// The terminal's reports, traced as a consumer (the back office takes in what the terminal produced), inside the
    /// exchange's server span.
    /// </summary>
    private async ValueTask<(List<Guid> Recorded, List<RemoteActionRefusal> Refusals)> MeasuredReportAsync(TerminalIdentity identity, IReadOnlyList<RemoteActionReport> reports, CancellationToken cancellationToken)
    {
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.action.report", ActivityKind.Consumer);
        activity?.SetTag("posfleet.terminal.id", identity.TerminalId);
        activity?.SetTag("posfleet.action.reports", reports.Count);
        try
        {
            var (recorded, refusals) = await ReportAsync(identity, reports, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("posfleet.action.reports.recorded", recorded.Count - refusals.Count);
            activity?.SetTag("posfleet.action.reports.refused", refusals.Count);
            return (recorded, refusals);
        }
        catch (Exception ex)
        {
            PosFleetInstruments.Fail(activity, PosFleetInstruments.ErrorTypeOf(ex));
            throw;
        }
    }

    /// <summary>The actions handed to the terminal in this exchange, traced as a producer: they run on the terminal.</summary>
    private async ValueTask<IReadOnlyList<RemoteAction>> MeasuredDeliverAsync(TerminalIdentity identity, CancellationToken cancellationToken)
    {
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.action.deliver", ActivityKind.Producer);
        activity?.SetTag("posfleet.terminal.id", identity.TerminalId);
        try
        {
            var delivered = await store.DeliverAsync(identity.Organization, identity.TerminalId, time.GetUtcNow(), _options.MaxDeliveriesPerExchange, cancellationToken).ConfigureAwait(false);
            activity?.SetTag("posfleet.action.delivered", delivered.Count);
            return delivered;
        }
        catch (Exception ex)
        {
            PosFleetInstruments.Fail(activity, PosFleetInstruments.ErrorTypeOf(ex));
            throw;
        }
    }

    /// <summary>Counts an outcome the terminal reported; one that is not a success carries its state as <c>error.type</c>.</summary>
    private static void CountResult(RemoteActionState state)
    {
        var name = state.ToString().ToLowerInvariant();
        PosFleetInstruments.ActionResults.Add(1, PosFleetInstruments.Tags(state is RemoteActionState.Succeeded ? null : name, "posfleet.action.state", name));
    }
}
