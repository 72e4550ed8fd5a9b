using Microsoft.Extensions.Time.Testing;
using Polly;
using PosFleet.Digests;

namespace PosFleet.Tests.Digests;

/// <summary>The one back-off of digest runs (<see cref="DigestRetry"/>): the delays a pending run waits in the ledger are those Polly's strategy computes.</summary>
public sealed class DigestRetryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task DelayAfter_WithoutJitter_DoublesFromRetryDelayUpToMaxRetryDelay()
    {
        var retry = new DigestRetry(new DigestOptions { UseRetryJitter = false }, new FakeTimeProvider(Now));

        var delays = new List<TimeSpan>();
        for (var attempts = 1; attempts <= 6; attempts++)
        {
            delays.Add(await retry.DelayAfterAsync(attempts));
        }

        Assert.Equal([5, 10, 20, 40, 60, 60], delays.Select(d => d.TotalMinutes));
    }

    [Fact]
    public async Task DelayAfter_WithJitter_SpreadsTheDelaysWithinTheCap()
    {
        var retry = new DigestRetry(new DigestOptions(), new FakeTimeProvider(Now));

        var delays = new List<TimeSpan>();
        for (var i = 0; i < 20; i++)
        {
            delays.Add(await retry.DelayAfterAsync(3));
        }

        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromTicks(1), TimeSpan.FromHours(1)));
        Assert.True(delays.Distinct().Count() > 1, "Jitter gave the same delay twenty times.");
    }

    [Fact]
    public async Task DelayAfter_IsTheDelayPollysStrategyWaitsAtThatAttempt_AndWaitsNothing()
    {
        var options = new DigestOptions { MaxAttempts = 6 };
        var waited = new List<TimeSpan>();
        var strategy = DigestRetry.Strategy(options);
        strategy.Randomizer = Sequence();
        strategy.ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is false);
        strategy.OnRetry = args =>
        {
            waited.Add(args.RetryDelay);
            return default;
        };
        var clock = new JumpingClock();
        var pipeline = new ResiliencePipelineBuilder<bool> { TimeProvider = clock }.AddRetry(strategy).Build();
        await pipeline.ExecuteAsync(_ => ValueTask.FromResult(false));

        var probeClock = new FakeTimeProvider(Now);
        var computed = new List<TimeSpan>();
        for (var attempts = 1; attempts < options.MaxAttempts; attempts++)
        {
            computed.Add(await new DigestRetry(options, probeClock, Sequence()).DelayAfterAsync(attempts));
        }

        Assert.Equal(5, waited.Count);
        Assert.Equal(waited, computed);
        Assert.Equal(Now, probeClock.GetUtcNow());
    }

    [Fact]
    public async Task DelayAfter_BeyondTheLastAttempt_IsTheLastDelay()
    {
        var retry = new DigestRetry(new DigestOptions { UseRetryJitter = false, MaxAttempts = 3 }, new FakeTimeProvider(Now));

        Assert.Equal(TimeSpan.FromMinutes(10), await retry.DelayAfterAsync(7));
    }

    /// <summary>The same random numbers each time it is made.</summary>
    private static Func<double> Sequence()
    {
        var random = new Random(7);
        return random.NextDouble;
    }

    /// <summary>A fake clock that moves to each timer's due time when the timer is made: a retry loop runs without waiting.</summary>
    private sealed class JumpingClock() : FakeTimeProvider(Now)
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime > TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
            {
                Advance(dueTime);
            }

            return timer;
        }
    }
}
