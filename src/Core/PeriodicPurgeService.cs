using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PosFleet;

/// <summary>
/// The shape every retention pass shares: at start-up and then every <see cref="Interval"/>, deletes what is older than
/// <see cref="Retention"/> (read from the service's options) and logs how much went; a failed pass is logged and tried
/// again at the next interval. A capability derives from it with its options and one store call.
/// </summary>
internal abstract partial class PeriodicPurgeService(TimeProvider time, ILogger logger) : BackgroundService
{
    /// <summary>What is purged, for the log: "sync inbox records".</summary>
    protected abstract string What { get; }

    /// <summary>What a pass does to what it finds, for the log.</summary>
    /// <value>The default value is "deleted".</value>
    protected virtual string Done => "deleted";

    /// <summary>How long what is purged is kept.</summary>
    protected abstract TimeSpan Retention { get; }

    /// <summary>How often a pass runs.</summary>
    protected abstract TimeSpan Interval { get; }

    /// <summary>One pass: deletes what is older than the retention period.</summary>
    public async Task<long> PurgeAsync(CancellationToken cancellationToken)
    {
        var olderThan = time.GetUtcNow() - Retention;
        var deleted = await PurgeOlderThanAsync(olderThan, cancellationToken).ConfigureAwait(false);
        Log.Purged(logger, What, deleted, Done, olderThan);
        return deleted;
    }

    /// <summary>Deletes what is older than <paramref name="olderThan"/>.</summary>
    protected abstract ValueTask<long> PurgeOlderThanAsync(DateTimeOffset olderThan, CancellationToken cancellationToken);

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
                Log.Failed(logger, What, Interval, ex);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
