using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;

namespace PosFleet.Tests.Actions;

/// <summary>The terminal's journal retention: finished, acknowledged entries go after the retention period, on the shared purge shape.</summary>
public sealed class RemoteActionJournalRetentionTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private readonly ActionsFleet _fleet;

    public RemoteActionJournalRetentionTests() => _fleet = new ActionsFleet(_clock);

    public ValueTask DisposeAsync() => _fleet.DisposeAsync();

    [Fact]
    public async Task RetentionService_FinishedActionOlderThanRetention_PurgedAtTheNextPass()
    {
        var terminal = await _fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.ClearCache, new RecordingActionHandler()), o => o.RetentionInterval = TimeSpan.FromDays(1));
        var queued = Assert.Single(await _fleet.Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = RemoteActionNames.ClearCache }));
        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        await terminal.SyncAsync(); // the outcome goes up and is acknowledged
        var journal = terminal.GetRequiredService<IRemoteActionJournal>();
        var service = terminal.GetServices<IHostedService>().OfType<RemoteActionJournalRetentionService>().Single();

        await service.StartAsync(default);
        await _clock.WaitForTimersAsync(1);
        var afterStart = await journal.GetAsync(queued.Action.Id, default);
        await _clock.AdvanceAndWaitAsync(TimeSpan.FromDays(29));
        var after29Days = await journal.GetAsync(queued.Action.Id, default);
        await _clock.AdvanceAndWaitAsync(TimeSpan.FromDays(1.01));
        var after30Days = await journal.GetAsync(queued.Action.Id, default);
        await service.StopAsync(default);

        Assert.Equal(RemoteActionEntryState.Finished, afterStart?.State);
        Assert.NotNull(after29Days);
        Assert.Null(after30Days);
        Assert.Equal(RemoteActionState.Succeeded, (await _fleet.Queue.GetAsync("ACME", queued.Action.Id))!.State);
    }

    [Theory]
    [InlineData(0.5, 1.0)]
    [InlineData(30.0, 0.0)]
    public async Task Validate_JournalRetentionUnderADayOrNoInterval_FailsAtStart(double retentionDays, double intervalHours)
    {
        var terminal = await _fleet.TerminalAsync("till-01", configure: o => (o.JournalRetention, o.RetentionInterval) = (TimeSpan.FromDays(retentionDays), TimeSpan.FromHours(intervalHours)));

        var error = Assert.Throws<OptionsValidationException>(() => terminal.GetRequiredService<IOptions<RemoteActionAgentOptions>>().Value);

        Assert.Contains(retentionDays < 1 ? "JournalRetention" : "RetentionInterval", error.Message, StringComparison.Ordinal);
    }
}
