using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Actions;

/// <summary>
/// Expires the back office's Pending or Delivered actions past their time to live at start-up and then every
/// <see cref="RemoteActionOptions.ExpiryInterval"/>, so that a silent terminal's actions do not show pending for ever;
/// on the shared purge shape (nothing is deleted: their state becomes Expired, with the time in their history).
/// </summary>
internal sealed class RemoteActionExpiryService(
    IRemoteActionStore store,
    IOptions<RemoteActionOptions> options,
    TimeProvider time,
    ILogger<RemoteActionExpiryService> logger) : PeriodicPurgeService(time, logger)
{
    protected override string What => "remote actions pending or delivered past their time to live";

    protected override string Done => "expired";

    protected override TimeSpan Retention => TimeSpan.Zero;

    protected override TimeSpan Interval => options.Value.ExpiryInterval;

    protected override ValueTask<long> PurgeOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        store.ExpireAsync(olderThan, cancellationToken);
}
