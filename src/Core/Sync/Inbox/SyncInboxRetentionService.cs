using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Sync.Inbox;

/// <summary>
/// Deletes the inbox records older than <see cref="SyncBackOfficeOptions.InboxRetention"/> at start-up and then every
/// <see cref="SyncBackOfficeOptions.RetentionInterval"/>. A failed pass is logged and tried again at the next interval.
/// </summary>
internal sealed class SyncInboxRetentionService(
    ISyncInboxStore store,
    IOptions<SyncBackOfficeOptions> options,
    TimeProvider time,
    ILogger<SyncInboxRetentionService> logger) : PeriodicPurgeService(time, logger)
{
    protected override string What => "sync inbox records";

    protected override TimeSpan Retention => options.Value.InboxRetention;

    protected override TimeSpan Interval => options.Value.RetentionInterval;

    protected override ValueTask<long> PurgeOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken) =>
        store.PurgeAsync(olderThan, cancellationToken);
}
