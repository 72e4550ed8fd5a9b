using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;

namespace PosFleet.Tests.Actions;

/// <summary>A handler that ignores its token is abandoned at its timeout plus the grace period; a kill during the last attempt still asks the handler.</summary>
public sealed class RemoteActionTimeoutTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private readonly ActionsFleet _fleet;

    public RemoteActionTimeoutTests() => _fleet = new ActionsFleet(_clock);

    public ValueTask DisposeAsync() => _fleet.DisposeAsync();

    private async Task<RemoteAction> QueueAsync(string name, int attempts = 3, TimeSpan? timeout = null) =>
        (await _fleet.Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = name, MaxAttempts = attempts, Timeout = timeout })).Single().Action;

    [Fact]
    public async Task Run_HandlerIgnoresItsToken_AbandonedAfterTheGraceFailedNotRetriedAndTheNextActionRuns()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var never = new TaskCompletionSource<RemoteActionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stubborn = new RecordingActionHandler((_, _) =>
        {
            started.TrySetResult();
            return new ValueTask<RemoteActionOutcome>(never.Task); // the token is never looked at
        });
        var next = new RecordingActionHandler();
        var terminal = await _fleet.TerminalAsync(
            "till-01",
            b => b.AddActionHandler(RemoteActionNames.DiagnosePriceGrids, stubborn).AddActionHandler(RemoteActionNames.ClearCache, next),
            o => o.TimeoutGrace = TimeSpan.FromSeconds(45));
        var first = await QueueAsync(RemoteActionNames.DiagnosePriceGrids, timeout: TimeSpan.FromMinutes(2));
        _clock.Advance(TimeSpan.FromSeconds(1));
        var second = await QueueAsync(RemoteActionNames.ClearCache);
        await terminal.SyncAsync();

        var run = terminal.RunActionsAsync();
        await started.Task;
        _clock.Advance(TimeSpan.FromMinutes(2));
        var waitingAtTheTimeout = !run.IsCompleted && next.Calls.Count == 0;
        _clock.Advance(TimeSpan.FromSeconds(45));
        var ended = await run.WaitAsync(TimeSpan.FromMinutes(1));
        await terminal.SyncAsync();
        never.SetResult(RemoteActionOutcome.Succeeded("too late"));

        Assert.True(waitingAtTheTimeout);
        Assert.Equal(2, ended);
        Assert.Single(stubborn.Calls);
        Assert.Single(next.Calls);
        var failed = await _fleet.Queue.GetAsync("ACME", first.Id);
        Assert.Equal(RemoteActionState.Failed, failed!.State);
        Assert.Contains("timed out after 00:02:00", failed.Detail, StringComparison.Ordinal);
        Assert.Contains("did not stop within 00:00:45", failed.Detail, StringComparison.Ordinal);
        Assert.Equal(RemoteActionState.Succeeded, (await _fleet.Queue.GetAsync("ACME", second.Id))!.State);
    }

    [Fact]
    public async Task Run_KilledDuringTheLastAttempt_HandlerToldItIsARecoveryAndItsAnswerRecorded()
    {
        var journal = new InMemoryRemoteActionJournal();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new RecordingActionHandler(async (_, ct) =>
        {
            blocked.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, _clock, ct);
            return RemoteActionOutcome.Succeeded();
        });
        var before = await _fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.CleanUpPriceGrids, first).Services.AddSingleton<IRemoteActionJournal>(journal));
        var action = await QueueAsync(RemoteActionNames.CleanUpPriceGrids, attempts: 1);
        await before.SyncAsync();
        using var stop = new CancellationTokenSource();
        var run = before.RunActionsAsync(stop.Token);
        await blocked.Task;
        await stop.CancelAsync();
        await run;

        var second = new RecordingActionHandler((c, _) => ValueTask.FromResult(c.IsRecovery ? RemoteActionOutcome.Succeeded("checked: the clean-up had ended") : RemoteActionOutcome.Failed("not a recovery")));
        var after = await _fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.CleanUpPriceGrids, second).Services.AddSingleton<IRemoteActionJournal>(journal));
        await after.RunActionsAsync();
        await after.SyncAsync();

        var call = Assert.Single(second.Calls);
        Assert.True(call.IsRecovery);
        Assert.Equal(1, call.Attempt);
        Assert.Equal(1, call.MaxAttempts);
        Assert.Contains("stopped while attempt 1 ran", call.PreviousFailure, StringComparison.Ordinal);
        var done = await _fleet.Queue.GetAsync("ACME", action.Id);
        Assert.Equal(RemoteActionState.Succeeded, done!.State);
        Assert.Equal("checked: the clean-up had ended", done.Detail);
        Assert.Single(done.History, h => h.State == RemoteActionState.Running);
    }
}
