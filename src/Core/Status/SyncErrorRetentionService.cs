using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Status;

/// <summary>
/// Deletes the sync errors older than <see cref="StatusOptions.ErrorRetention"/> at start-up and then every
/// <see cref="StatusOptions.RetentionInterval"/>. A failed pass is logged and tried again at the next interval.
/// </summary>
internal sealed partial class SyncErrorRetentionService(
    ITerminalStatusStore store,
    IOptions<StatusOptions> options,
    TimeProvider time,
    ILogger<SyncErrorRetentionService> logger) : BackgroundService
{
    private readonly StatusOptions _options = options.Value;

    /// <summary>One pass: deletes the errors older than the retention period.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        var olderThan = time.GetUtcNow() - _options.ErrorRetention;
        var deleted = await store.PurgeErrorsAsync(olderThan, cancellationToken).ConfigureAwait(false);
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

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "{Deleted} sync errors received before {OlderThan:u} were deleted.")]
        public static partial void Purged(ILogger logger, long deleted, DateTimeOffset olderThan);

        [LoggerMessage(2, LogLevel.Error, "The sync errors could not be purged; trying again in {Interval}.")]
        public static partial void Failed(ILogger logger, TimeSpan interval, Exception exception);
    }
}
