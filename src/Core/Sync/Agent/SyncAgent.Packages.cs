using PosFleet.Sync.Exchange;
using PosFleet.Updates;

namespace PosFleet.Sync.Agent;

internal sealed partial class SyncAgent
{
    /// <summary>The package report of the next request, or <see langword="null"/> when this terminal takes no packages (no <c>AddPackageUpdates</c>).</summary>
    private async ValueTask<PackageReport?> PackageReportAsync(CancellationToken cancellationToken) =>
        _packages is null ? null : await _packages.GetReportAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Takes the response's package offer; its answer and outcome go up in the next request.</summary>
    private async ValueTask TakePackageOfferAsync(SyncResponse response, CancellationToken cancellationToken)
    {
        if (_packages is not null && response.PackageOffer is { } offer)
        {
            await _packages.ProcessAsync(offer, cancellationToken).ConfigureAwait(false);
        }
    }
}
