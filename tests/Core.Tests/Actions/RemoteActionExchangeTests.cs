using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;
using PosFleet.Sync.Exchange;

namespace PosFleet.Tests.Actions;

/// <summary>Actions queued in the back office, delivered in a response, run once at the terminal, their result back in a later request.</summary>
public sealed class RemoteActionExchangeTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private readonly ActionsFleet _fleet;

    public RemoteActionExchangeTests() => _fleet = new ActionsFleet(_clock);

    public ValueTask DisposeAsync() => _fleet.DisposeAsync();

    private async Task<RemoteAction> QueueAsync(string name = RemoteActionNames.ClearCache, string terminal = "till-01", int? attempts = null, TimeSpan? timeout = null, Dictionary<string, string>? parameters = null) =>
        (await _fleet.Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = terminal, Name = name, MaxAttempts = attempts, Timeout = timeout, Parameters = parameters ?? [] })).Single().Action;

    [Fact]
    public async Task QueueThenSync_HandlerRunsOnceAndItsResultComesBackWithEveryState()
    {
        var handler = new RecordingActionHandler((_, _) => ValueTask.FromResult(RemoteActionOutcome.Succeeded("cache cleared", "12 entries")));
        var terminal = await _fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.ClearCache, handler));
        var action = await QueueAsync();

        await terminal.SyncAsync();
        var delivered = await _fleet.Queue.GetAsync("ACME", action.Id);
        await terminal.RunActionsAsync();
        await terminal.SyncAsync();
        var done = await _fleet.Queue.GetAsync("ACME", action.Id);

        Assert.Equal(RemoteActionState.Delivered, delivered!.State);
        Assert.Single(handler.Calls);
        Assert.False(handler.Calls[0].IsRecovery);
        Assert.Equal(RemoteActionState.Succeeded, done!.State);
        Assert.Equal("cache cleared", done.Detail);
        Assert.Equal("12 entries", done.Output);
        Assert.Equal([RemoteActionState.Pending, RemoteActionState.Delivered, RemoteActionState.Running, RemoteActionState.Succeeded], done.History.Select(h => h.State));
        Assert.Empty((await _fleet.Queue.ListAsync(new RemoteActionQuery { Organization = "ACME", List = RemoteActionList.Pending })).Actions);
    }

    [Fact]
    public async Task Sync_ResponsesLost_DeliveredAgainRunOnceOneResult()
    {
        var handler = new RecordingActionHandler();
        var lossy = new LossyTransport(_fleet.Handler);
        var terminal = await _fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.ClearCache, handler), transport: lossy);
        lossy.Credential = terminal.GetRequiredService<Microsoft.Extensions.Options.IOptions<PosFleet.Sync.Agent.SyncAgentOptions>>().Value.Credential!;
        var action = await QueueAsync();

        lossy.LoseNext = 1;
        await terminal.GetRequiredService<PosFleet.Sync.Agent.ISyncAgent>().SyncNowAsync();
        await terminal.SyncAsync();
        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        lossy.LoseNext = 2;
        await terminal.GetRequiredService<PosFleet.Sync.Agent.ISyncAgent>().SyncNowAsync();
        await terminal.GetRequiredService<PosFleet.Sync.Agent.ISyncAgent>().SyncNowAsync();
        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        await terminal.SyncAsync();

        var done = await _fleet.Queue.GetAsync("ACME", action.Id);
        Assert.Single(handler.Calls);
        Assert.Equal(RemoteActionState.Succeeded, done!.State);
        Assert.Single(done.History, h => RemoteActionStates.IsDone(h.State));
        Assert.Single(done.History, h => h.State == RemoteActionState.Running);
    }

    [Fact]
    public async Task Run_NoHandlerForTheName_RejectedSayingSo()
    {
        var terminal = await _fleet.TerminalAsync("till-01");
        var action = await QueueAsync(RemoteActionNames.LeaveSafeMode);

        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        await terminal.SyncAsync();

        var done = await _fleet.Queue.GetAsync("ACME", action.Id);
        Assert.Equal(RemoteActionState.Rejected, done!.State);
        Assert.Contains("no handler for action 'leave-safe-mode'", done.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_TransientFailures_RetriedUpToTheLimitEachWithItsReason()
    {
        var handler = new RecordingActionHandler((c, _) => ValueTask.FromResult(RemoteActionOutcome.Failed($"ERP busy ({c.Attempt})", retry: true)));
        var terminal = await _fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.ReimportOrder, handler));
        var action = await QueueAsync(RemoteActionNames.ReimportOrder, attempts: 3, parameters: new() { ["order"] = "SO-1042" });

        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        await terminal.SyncAsync();

        var done = await _fleet.Queue.GetAsync("ACME", action.Id);
        Assert.Equal([1, 2, 3], handler.Calls.Select(c => c.Attempt));
        Assert.Equal("SO-1042", handler.Calls[0].Parameters["order"]);
        Assert.Equal([null, "ERP busy (1)", "ERP busy (2)"], handler.Calls.Select(c => c.PreviousFailure));
        Assert.Equal(RemoteActionState.Failed, done!.State);
        Assert.Equal("ERP busy (3)", done.Detail);
        Assert.Equal([null, "ERP busy (1)", "ERP busy (2)"], done.History.Where(h => h.State == RemoteActionState.Running).Select(h => h.Detail));
    }

    [Fact]
    public async Task Run_PastItsTimeout_StoppedAndFailedSayingSo()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handler = new RecordingActionHandler(async (_, ct) =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, _clock, ct);
            return RemoteActionOutcome.Succeeded();
        });
        var terminal = await _fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.DiagnosePriceGrids, handler));
        var action = await QueueAsync(RemoteActionNames.DiagnosePriceGrids, attempts: 1, timeout: TimeSpan.FromMinutes(2));
        await terminal.SyncAsync();

        var run = terminal.RunActionsAsync();
        await started.Task;
        _clock.Advance(TimeSpan.FromMinutes(2));
        await run;
        await terminal.SyncAsync();

        var done = await _fleet.Queue.GetAsync("ACME", action.Id);
        Assert.Equal(RemoteActionState.Failed, done!.State);
        Assert.Contains("timed out after 00:02:00", done.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AfterARestartWhileRunning_HandlerToldItIsARecovery()
    {
        var journal = new InMemoryRemoteActionJournal();
        var blocked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = new RecordingActionHandler(async (_, ct) =>
        {
            blocked.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            return RemoteActionOutcome.Succeeded();
        });
        var before = await _fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.CleanUpPriceGrids, first).Services.AddSingleton<IRemoteActionJournal>(journal));
        var action = await QueueAsync(RemoteActionNames.CleanUpPriceGrids);
        await before.SyncAsync();
        using var stop = new CancellationTokenSource();
        var run = before.RunActionsAsync(stop.Token);
        await blocked.Task;
        await stop.CancelAsync();
        await run;
        Assert.Equal(RemoteActionEntryState.Running, (await journal.GetAsync(action.Id, default))!.State);

        var second = new RecordingActionHandler((c, _) => ValueTask.FromResult(RemoteActionOutcome.Succeeded(c.IsRecovery ? "checked: half done, finished" : "ran")));
        var after = await _fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.CleanUpPriceGrids, second).Services.AddSingleton<IRemoteActionJournal>(journal));
        await after.RunActionsAsync();
        await after.SyncAsync();

        var call = Assert.Single(second.Calls);
        Assert.True(call.IsRecovery);
        Assert.Equal(2, call.Attempt);
        Assert.Contains("stopped while attempt 1 ran", call.PreviousFailure, StringComparison.Ordinal);
        var done = await _fleet.Queue.GetAsync("ACME", action.Id);
        Assert.Equal("checked: half done, finished", done!.Detail);
    }

    [Fact]
    public async Task Queue_WholeOrganizationTwice_OnePerTerminalAndTheSecondCollapses()
    {
        await _fleet.TerminalAsync("till-01");
        await _fleet.TerminalAsync("till-02");
        await _fleet.TerminalAsync("till-09", organization: "OTHER");
        var request = new RemoteActionRequest { Organization = "ACME", Name = RemoteActionNames.ClearCache };

        var first = await _fleet.Queue.QueueAsync(request);
        var second = await _fleet.Queue.QueueAsync(request);

        Assert.Equal(["till-01", "till-02"], first.Select(q => q.Action.TerminalId).Order());
        Assert.All(first, q => Assert.False(q.Collapsed));
        Assert.All(second, q => Assert.True(q.Collapsed));
        Assert.Equal(first.Select(q => q.Action.Id).Order(), second.Select(q => q.Action.Id).Order());
        await Assert.ThrowsAsync<ArgumentException>(() => _fleet.Queue.QueueAsync(request with { TerminalId = "till-09" }));
    }

    /// <summary>Drops the response of the next exchanges after the back office handled them (a lost answer).</summary>
    private sealed class LossyTransport(ISyncExchangeHandler backOffice) : ISyncTransport
    {
        public string Credential { get; set; } = "";

        public int LoseNext { get; set; }

        public async Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken)
        {
            var result = await backOffice.HandleAsync(Credential, request, cancellationToken);
            if (LoseNext > 0)
            {
                LoseNext--;
                throw new HttpRequestException("The connection was cut after the back office answered.");
            }

            return result.Response!;
        }
    }
}
