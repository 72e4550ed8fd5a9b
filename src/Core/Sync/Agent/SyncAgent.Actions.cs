using PosFleet.Sync.Exchange;

namespace PosFleet.Sync.Agent;

internal sealed partial class SyncAgent
{
    /// <summary>Whether an upload of a remote action still has chunks to send: the sync exchanges again.</summary>
    private bool ActionsHaveMore => _actions?.HasMore ?? false;

    /// <summary>The remote action reports for the request, or <see langword="null"/> when this terminal takes no actions (AddActionsAgent).</summary>
    private async ValueTask<IReadOnlyList<Actions.RemoteActionReport>?> ActionReportsAsync(CancellationToken cancellationToken) =>
        _actions is null ? null : await _actions.ReportsAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Deletes the recorded reports and journals the delivered actions; returns the error, or <see langword="null"/>.</summary>
    private async ValueTask<string?> ReceiveActionsAsync(SyncResponse response, CancellationToken cancellationToken)
    {
        if (_actions is null)
        {
            return null;
        }

        try
        {
            await _actions.ReceiveAsync(response.Actions, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Reports not deleted are sent again and acknowledged again; deliveries not journaled come again.
            return $"The remote actions of the response could not be recorded: {ex.Message}";
        }
    }
}
