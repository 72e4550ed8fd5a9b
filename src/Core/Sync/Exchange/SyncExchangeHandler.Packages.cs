using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PosFleet.Sync.Enrolment;
using PosFleet.Updates;

namespace PosFleet.Sync.Exchange;

internal sealed partial class SyncExchangeHandler
{
    /// <summary>
    /// Records the terminal's package report and answers with its organization's target when it should take it
    /// (<c>AddPackageBackOffice</c>); the organization is the credential's. A failure leaves the response without an offer.
    /// </summary>
    private async ValueTask<PackageOffer?> PackageOfferAsync(TerminalIdentity identity, SyncRequest request, CancellationToken cancellationToken)
    {
        if (request.PackageReport is null || services.GetService<PackageCatalog>() is not { } catalog)
        {
            return null;
        }

        try
        {
            return await catalog.OfferAsync(identity.Organization, identity.TerminalId, request.PackageReport, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            PackagesLog.OfferFailed(logger, identity.TerminalId, ex);
            return null;
        }
    }

    private static partial class PackagesLog
    {
        [LoggerMessage(40, LogLevel.Error, "The package report of terminal {TerminalId} could not be recorded or its offer read; the response goes without an offer.")]
        public static partial void OfferFailed(ILogger logger, string terminalId, Exception exception);
    }
}
