using Microsoft.Extensions.Time.Testing;

namespace PosFleet.Tests;

/// <summary>
/// A fake clock for a followed ingest: each pass over the files ends by waiting on a timer, so the number of timers
/// made says how many passes have finished, and advancing the clock by the poll interval starts the next one.
/// </summary>
public sealed class FollowClock() : FakeTimeProvider(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero))
{
    private TaskCompletionSource _timerMade = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _timers;

    public int Passes => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        Interlocked.Exchange(ref _timerMade, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return timer;
    }

    /// <summary>Waits until <paramref name="passes"/> passes have finished (a generous minute at most).</summary>
    public async Task WaitForPassesAsync(int passes)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var next = Volatile.Read(ref _timerMade).Task; // taken before the count, so no timer made in between is missed
            if (Passes >= passes)
            {
                return;
            }

            await next.WaitAsync(timeout.Token);
        }
    }
}
