using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Status;

/// <summary>
/// Deletes the sync errors older than <see cref="StatusOptions.ErrorRetention"/> at start-up and then every
/// <see cref="StatusOptions.RetentionInterval"/>. A failed pass is logged and tried again at the next interval.
/// </summary>
internal sealed class SyncErrorRetentionService(
    ITerminalStatusStore store,
    IOptions<StatusOptions> options,
    TimeProvider time,
    ILogger<SyncErrorRetentionService> logger) : PeriodicPurgeService(time, logger)
{
    protected override string What => "sync errors";

    protected override TimeSpan Retention => options.Value.ErrorRetention;

    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override ValueTask<long> PurgeOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        store.PurgeErrorsAsync(olderThan, cancellationToken);
}
