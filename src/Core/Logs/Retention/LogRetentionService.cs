using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Logs.Storage;

namespace PosFleet.Logs.Retention;

/// <summary>
/// Deletes the log entries older than <see cref="LogRetentionOptions.Period"/> at start-up and then every
/// <see cref="LogRetentionOptions.Interval"/>. The store deletes in bounded chunks, so ingest goes on meanwhile. A
/// failed run is logged and tried again at the next interval: retention never stops the host.
/// </summary>
internal sealed partial class LogRetentionService(
    ILogStore store,
    IOptions<LogRetentionOptions> options,
    TimeProvider time,
    ILogger<LogRetentionService> logger) : BackgroundService
{
    private readonly LogRetentionOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Period is not { } period)
        {
            Log.KeepingEverything(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var olderThan = time.GetUtcNow() - period;
            try
            {
                var deleted = await store.DeleteOlderThanAsync(olderThan, stoppingToken).ConfigureAwait(false);
                Log.Deleted(logger, deleted, olderThan);
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping: whatever the store threw while being stopped is not a failed run.
                return;
            }
            catch (Exception ex)
            {
                // A store that is busy, full or briefly unreachable: the next interval tries again.
                Log.Failed(logger, olderThan, _options.Interval, ex);
            }

            try
            {
                await Task.Delay(_options.Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
