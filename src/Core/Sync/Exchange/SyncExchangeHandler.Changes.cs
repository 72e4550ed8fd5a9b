using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PosFleet.Sync.Changes;
using PosFleet.Sync.Configurations;
using PosFleet.Sync.Enrolment;

namespace PosFleet.Sync.Exchange;

internal sealed partial class SyncExchangeHandler
{
    /// <summary>
    /// The next change batch of the terminal's organization (never another's: the organization is the credential's),
    /// filtered for the terminal. A failed export leaves the response without changes, so the acknowledgements still
    /// reach the terminal; it asks again from the same checkpoint at the next exchange.
    /// </summary>
    private async ValueTask<ChangeBatch?> ExportChangesAsync(TerminalIdentity identity, SyncRequest request, CancellationToken cancellationToken)
    {
        if (request.ChangeCheckpoint is not { } checkpoint || services.GetService<IChangeExporter>() is not { } exporter)
        {
            return null;
        }

        try
        {
            return await exporter.ExportAsync(identity.Organization, identity.TerminalId, Math.Max(0, checkpoint), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            ChangesLog.ExportFailed(logger, identity.TerminalId, checkpoint, ex);
            return null;
        }
    }

    /// <summary>Records the configuration version the terminal runs and answers with the desired one when it is newer.</summary>
    private async ValueTask<TerminalConfiguration?> ConfigurationAsync(TerminalIdentity identity, SyncRequest request, CancellationToken cancellationToken)
    {
        if (request.ConfigurationVersion is not { } reported || services.GetService<ITerminalConfigurationStore>() is not { } store)
        {
            return null;
        }

        await store.ReportAsync(identity.TerminalId, reported, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        var desired = await store.GetDesiredAsync(identity.TerminalId, cancellationToken).ConfigureAwait(false);
        return desired is not null && desired.Version > reported ? desired : null;
    }

    private static partial class ChangesLog
    {
        [LoggerMessage(20, LogLevel.Error, "The changes after checkpoint {Checkpoint} could not be exported for terminal {TerminalId}; the response goes without them and the terminal asks again.")]
        public static partial void ExportFailed(ILogger logger, string terminalId, long checkpoint, Exception exception);
    }
}
