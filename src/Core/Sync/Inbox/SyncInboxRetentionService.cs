using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Sync.Inbox;

/// <summary>
/// Deletes the inbox records older than <see cref="SyncBackOfficeOptions.InboxRetention"/> at start-up and then every
/// <see cref="SyncBackOfficeOptions.RetentionInterval"/>. A failed pass is logged and tried again at the next interval.
/// </summary>
internal sealed partial class SyncInboxRetentionService(
    ISyncInboxStore store,
    IOptions<SyncBackOfficeOptions> options,
    TimeProvider time,
    ILogger<SyncInboxRetentionService> logger) : BackgroundService
{
    private readonly SyncBackOfficeOptions _options = options.Value;

    /// <summary>One pass: deletes the records older than the retention period.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        var olderThan = time.GetUtcNow() - _options.InboxRetention;
        var deleted = await store.PurgeAsync(olderThan, cancellationToken).ConfigureAwait(false);
        Log.Purged(logger, deleted, olderThan);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.Failed(logger, _options.RetentionInterval, ex);
            }

            try
            {
                await Task.Delay(_options.RetentionInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
