using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Sync.Changes;

/// <summary>
/// Purges the tombstones older than <see cref="SyncTablesOptions.TombstoneRetention"/> at start-up and then every
/// <see cref="SyncTablesOptions.RetentionInterval"/>, on a back office whose storage keeps a change log
/// (<see cref="IChangeRetention"/>). A failed pass is logged and tried again at the next interval.
/// </summary>
internal sealed partial class SyncChangeRetentionService(
    IServiceProvider services,
    IOptions<SyncTablesOptions> options,
    IOptions<PosFleetOptions> fleet,
    TimeProvider time,
    ILogger<SyncChangeRetentionService> logger) : BackgroundService
{
    private readonly SyncTablesOptions _options = options.Value;

    /// <summary>One pass: records the high-water mark and purges the tombstones older than the retention.</summary>
    public async Task<long> PurgeAsync(IChangeRetention retention, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var olderThan = now - _options.TombstoneRetention;
        var purged = await retention.PurgeAsync(now, olderThan, cancellationToken).ConfigureAwait(false);
        Log.Purged(logger, purged, olderThan);
        return purged;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Terminals import and keep no change log; a storage without one has nothing to purge.
        if (fleet.Value.TerminalId is not null || services.GetService<IChangeRetention>() is not { } retention)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PurgeAsync(retention, stoppingToken).ConfigureAwait(false);
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
        [LoggerMessage(1, LogLevel.Information, "Change log retention purged {Purged} tombstones of rows deleted before {OlderThan:O}; terminals with an older checkpoint are re-initialised.")]
        public static partial void Purged(ILogger logger, long purged, DateTimeOffset olderThan);

        [LoggerMessage(2, LogLevel.Error, "Change log retention failed; it tries again in {Interval}.")]
        public static partial void Failed(ILogger logger, TimeSpan interval, Exception exception);
    }
}
