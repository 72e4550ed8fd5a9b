using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions.Terminal;
using PosFleet.Sync.Outbox;

namespace PosFleet.Actions.BuiltIn;

/// <summary>
/// <see cref="RemoteActionNames.ResetDatabase"/>: refused while the outbox holds unsent messages (they are the
/// terminal's own sales, and a reset is asked to rebuild, not to lose them); otherwise the local data is emptied and
/// the next exchange, asking from checkpoint 0, brings a full export.
/// </summary>
internal sealed class ResetDatabaseHandler(IServiceProvider services) : IRemoteActionHandler
{
    public async ValueTask<RemoteActionOutcome> RunAsync(RemoteActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (services.GetService<IOutbox>() is { } outbox && await outbox.CountAsync(cancellationToken).ConfigureAwait(false) is var waiting and > 0)
        {
            return RemoteActionOutcome.Rejected(string.Create(CultureInfo.InvariantCulture,
                $"The outbox still holds {waiting} unsent message(s): a reset now would lose them. Let the terminal sync until its outbox is empty ('posfleet terminal show'), then queue the reset again."));
        }

        if (services.GetService<ILocalDatabaseReset>() is not { } reset)
        {
            return RemoteActionOutcome.Rejected("This terminal keeps no local database to reset (no storage connector with synced tables is registered).");
        }

        var rows = await reset.ResetAsync(cancellationToken).ConfigureAwait(false);
        return RemoteActionOutcome.Succeeded(string.Create(CultureInfo.InvariantCulture,
            $"Deleted {rows} synced row(s) and the change checkpoint; the next exchange imports a full export."));
    }
}
