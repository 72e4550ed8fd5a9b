using Polly;
using Polly.Retry;

namespace PosFleet.Digests;

/// <summary>
/// The one back-off of digest runs: a Polly retry strategy (exponential from <see cref="DigestOptions.RetryDelay"/>,
/// capped at <see cref="DigestOptions.MaxRetryDelay"/>, with jitter unless <see cref="DigestOptions.UseRetryJitter"/>
/// is off, <see cref="DigestOptions.MaxAttempts"/> attempts in all), driven by the host's <see cref="TimeProvider"/>.
/// A run's attempts are spread over hours and hosts, so the waiting is not done in process: the ledger keeps when the
/// next attempt is due (<see cref="DigestRun.NextAttemptAt"/>), and that delay is the one the strategy computes.
/// </summary>
internal sealed class DigestRetry
{
    private static readonly ResiliencePropertyKey<int> FailedAttemptsKey = new("posfleet.digest.failed-attempts");
    private static readonly ResiliencePropertyKey<DelayProbe> ProbeKey = new("posfleet.digest.delay-probe");

    private readonly ResiliencePipeline<bool> _pipeline;

    public DigestRetry(DigestOptions options, TimeProvider time, Func<double>? randomizer = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        MaxAttempts = options.MaxAttempts;
        var strategy = Strategy(options);
        if (randomizer is not null)
        {
            strategy.Randomizer = randomizer;
        }

        // Replays the strategy up to the attempt asked for: the earlier retries are not waited (their delay, computed
        // all the same so that the jitter's state is the strategy's own, is replaced by zero), and the one asked for is
        // read and then cut short rather than waited.
        strategy.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is false);
        strategy.DelayGenerator = args => ValueTask.FromResult<TimeSpan?>(
            args.AttemptNumber + 1 < args.Context.Properties.GetValue(FailedAttemptsKey, 1) ? TimeSpan.Zero : null);
        strategy.OnRetry = args =>
        {
            if (args.AttemptNumber + 1 == args.Context.Properties.GetValue(FailedAttemptsKey, 1)
                && args.Context.Properties.TryGetValue(ProbeKey, out var probe))
            {
                probe.Delay = args.RetryDelay;
                probe.Stop.Cancel();
            }

            return default;
        };
        _pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = time }.AddRetry(strategy).Build();
    }

    /// <summary>How many attempts a run gets.</summary>
    public int MaxAttempts { get; }

    /// <summary>The strategy the options define (shared by every retry of digest runs; the caller adds what to handle).</summary>
    public static RetryStrategyOptions<bool> Strategy(DigestOptions options) => new()
    {
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = options.UseRetryJitter,
        Delay = options.RetryDelay,
        MaxDelay = options.MaxRetryDelay,
        MaxRetryAttempts = Math.Max(1, options.MaxAttempts - 1),
    };

    /// <summary>The delay the strategy waits after <paramref name="failedAttempts"/> failed attempts (1 after the first), before the next.</summary>
    public async ValueTask<TimeSpan> DelayAfterAsync(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failedAttempts, 1);
        using var probe = new DelayProbe();
        var context = ResilienceContextPool.Shared.Get(probe.Stop.Token);
        try
        {
            context.Properties.Set(FailedAttemptsKey, Math.Min(failedAttempts, Math.Max(1, MaxAttempts - 1)));
            context.Properties.Set(ProbeKey, probe);
            // Ends with the cancelled wait as its outcome, which is not an error here.
            _ = await _pipeline.ExecuteOutcomeAsync(static (_, _) => Outcome.FromResultAsValueTask(false), context, 0).ConfigureAwait(false);
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }

        return probe.Delay;
    }

    private sealed class DelayProbe : IDisposable
    {
        public CancellationTokenSource Stop { get; } = new();

        public TimeSpan Delay { get; set; }

        public void Dispose() => Stop.Dispose();
    }
}
