using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PosFleet.Digests;

/// <summary>
/// Wakes at each subscription's send time in its own time zone (and when a pending run's retry is due, and every
/// <see cref="DigestOptions.PollInterval"/> to notice new subscriptions), and runs what is due. On its first pass it
/// catches up missed windows. Time comes from <see cref="TimeProvider"/>, so tests drive it with a fake clock.
/// </summary>
internal sealed partial class DigestScheduler(
    IDigestRunner runner,
    IDigestStore store,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestScheduler> logger) : BackgroundService
{
    private readonly DigestOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.EnableScheduler)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var results = await runner.RunDueAsync(cancellationToken: stoppingToken).ConfigureAwait(false);
                if (results.Count > 0)
                {
                    Log.PassFinished(logger, results.Count, results.Count(r => r.Outcome is DigestRunOutcome.Sent or DigestRunOutcome.PartiallySent));
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.PassFailed(logger, ex);
            }

            DateTimeOffset wake;
            try
            {
                wake = await NextWakeAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                Log.PassFailed(logger, ex);
                wake = time.GetUtcNow() + _options.PollInterval;
            }

            try
            {
                await DelayUntilAsync(wake, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private async ValueTask<DateTimeOffset> NextWakeAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var wake = now + _options.PollInterval;
        foreach (var s in await store.GetSubscriptionsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (s.Active && DigestSchedule.TryFindTimeZone(s.TimeZone, out var zone))
            {
                var next = DigestSchedule.NextSendAfter(s, zone, now);
                wake = next < wake ? next : wake;
            }
        }

        var open = await store.QueryRunsAsync(
            new DigestRunQuery { Statuses = new HashSet<DigestRunStatus> { DigestRunStatus.Pending, DigestRunStatus.InProgress }, Limit = 1000 },
            cancellationToken).ConfigureAwait(false);
        foreach (var run in open)
        {
            if (run.DueAt is { } due && due < wake)
            {
                wake = due;
            }
        }

        return wake;
    }

    private Task DelayUntilAsync(DateTimeOffset wake, CancellationToken cancellationToken)
    {
        var delay = wake - time.GetUtcNow();
        return Task.Delay(delay > TimeSpan.Zero ? delay : TimeSpan.Zero, time, cancellationToken);
    }
}
