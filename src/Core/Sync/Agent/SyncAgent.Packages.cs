using PosFleet.Sync.Exchange;
using PosFleet.Updates;

namespace PosFleet.Sync.Agent;

internal sealed partial class SyncAgent
{
    /// <summary>The package report of the next request, or <see langword="null"/> when this terminal takes no packages (no <c>AddPackageUpdates</c>).</summary>
    private async ValueTask<PackageReport?> PackageReportAsync(CancellationToken cancellationToken) =>
        _packages is null ? null : await _packages.GetReportAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// The heartbeat's last update: the last successful package install when this terminal takes packages and installed
    /// one; otherwise <see cref="SyncAgentOptions.LastUpdate"/>, for hosts that install by other means. A state that
    /// cannot be read falls back too: the heartbeat is never lost for it.
    /// </summary>
    private async ValueTask<DateTimeOffset?> LastUpdateAsync(CancellationToken cancellationToken)
    {
        if (_packages is null)
        {
            return _options.LastUpdate;
        }

        try
        {
            return await _packages.GetLastInstallAsync(cancellationToken).ConfigureAwait(false) ?? _options.LastUpdate;
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            return _options.LastUpdate;
        }
    }

    /// <summary>Takes the response's package offer; its answer and outcome go up in the next request.</summary>
    private async ValueTask TakePackageOfferAsync(SyncResponse response, CancellationToken cancellationToken)
    {
        if (_packages is not null && response.PackageOffer is { } offer)
        {
            await _packages.ProcessAsync(offer, cancellationToken).ConfigureAwait(false);
        }
    }
}
