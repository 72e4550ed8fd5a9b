using Microsoft.Extensions.Time.Testing;

namespace PosFleet.Tests;

/// <summary>
/// A fake clock that a test waits on instead of polling. Code that waits on a <see cref="TimeProvider"/>
/// (<c>Task.Delay(delay, time, ct)</c>, a <c>PeriodicTimer</c>, a timeout) creates a timer for each wait, so "a timer
/// was created" is the signal that the component has finished what it was doing and is waiting again: a follower ended
/// a pass, a scheduler ended a run.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private TaskCompletionSource _timerCreated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _timers;

    /// <summary>A clock at 2026-11-20 12:00 UTC.</summary>
    public TestClock()
        : this(new DateTimeOffset(2026, 11, 20, 12, 0, 0, TimeSpan.Zero))
    {
    }

    /// <summary>How many timers the code on this clock has created so far.</summary>
    public int TimersCreated => Volatile.Read(ref _timers);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        Interlocked.Increment(ref _timers);
        Interlocked.Exchange(ref _timerCreated, new(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        return timer;
    }

    /// <summary>Waits until <paramref name="count"/> timers in all have been created (a minute at most, then the test fails).</summary>
    public async Task WaitForTimersAsync(int count, TimeSpan? timeout = null)
    {
        using var limit = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(1));
        while (true)
        {
            var next = Volatile.Read(ref _timerCreated).Task; // taken before the count, so a timer created in between is not missed
            if (TimersCreated >= count)
            {
                return;
            }

            try
            {
                await next.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (limit.IsCancellationRequested)
            {
                throw new TimeoutException($"{TimersCreated} timers created, {count} awaited, within {timeout ?? TimeSpan.FromMinutes(1)}");
            }
        }
    }

    /// <summary>
    /// Moves the clock by <paramref name="delta"/> and waits until the code creates its next timer: the wait that the
    /// move ended has been passed, and the work after it done up to the next wait.
    /// </summary>
    public Task AdvanceAndWaitAsync(TimeSpan delta, TimeSpan? timeout = null)
    {
        var before = TimersCreated;
        Advance(delta);
        return WaitForTimersAsync(before + 1, timeout);
    }
}
