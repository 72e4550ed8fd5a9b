using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PosFleet.Actions;
using PosFleet.Sync.Enrolment;

namespace PosFleet.Sync.Exchange;

internal sealed partial class SyncExchangeHandler
{
    /// <summary>
    /// Records the terminal's action reports and hands it its actions, bound to the credential's terminal and
    /// organization. A failure leaves the response without actions: nothing is acknowledged, so the reports come again.
    /// </summary>
    private async ValueTask<RemoteActionBatch?> ActionsAsync(TerminalIdentity identity, SyncRequest request, CancellationToken cancellationToken)
    {
        if (request.ActionResults is not { } reports || services.GetService<RemoteActionBackOffice>() is not { } actions)
        {
            return null;
        }

        try
        {
            return await actions.ExchangeAsync(identity, reports, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ActionsLog.Failed(logger, identity.TerminalId, ex);
            return null;
        }
    }

    private static partial class ActionsLog
    {
        [LoggerMessage(30, LogLevel.Error, "The remote actions of terminal {TerminalId} could not be exchanged; the response goes without them and its reports come again.")]
        public static partial void Failed(ILogger logger, string terminalId, Exception exception);
    }
}
