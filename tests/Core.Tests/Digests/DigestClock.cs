using Microsoft.Extensions.Time.Testing;

namespace PosFleet.Tests.Digests;

/// <summary>
/// A fake clock for the digest scheduler: each pass ends by waiting on a timer until the next wake, so the timers made
/// say how many passes have finished and parked; moving the clock after that cannot miss the wake. (The same members
/// as the shared TestClock, which it gives way to.)
/// </summary>
internal sealed class DigestClock(DateTimeOffset now) : FakeTimeProvider(now)
{
    private TaskCompletionSource _timerMade = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _timers;

    public int TimersCreated => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        Interlocked.Exchange(ref _timerMade, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return timer;
    }

    /// <summary>Waits until <paramref name="timers"/> timers were made (a generous minute at most).</summary>
    public async Task WaitForTimersAsync(int timers)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (true)
        {
            var next = Volatile.Read(ref _timerMade).Task; // taken before the count, so no timer made in between is missed
            if (TimersCreated >= timers)
            {
                return;
            }

            await next.WaitAsync(timeout.Token);
        }
    }

}
