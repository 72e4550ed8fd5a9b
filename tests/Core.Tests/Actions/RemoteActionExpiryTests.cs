using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;

namespace PosFleet.Tests.Actions;

/// <summary>The back office's expiry sweep: a silent terminal's actions expire on time, and a new identical one is queued rather than collapsed.</summary>
public sealed class RemoteActionExpiryTests : IAsyncDisposable
{
    private readonly TestClock _clock = new();
    private readonly ActionsFleet _fleet;

    public RemoteActionExpiryTests() => _fleet = new ActionsFleet(_clock);

    public ValueTask DisposeAsync() => _fleet.DisposeAsync();

    [Fact]
    public async Task ExpiryService_SilentTerminal_PendingActionExpiresAtTheNextPassAndANewOneIsQueued()
    {
        await _fleet.TerminalAsync("till-01"); // enrolled, and never exchanges
        var request = new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = RemoteActionNames.ClearCache, TimeToLive = TimeSpan.FromHours(1) };
        var first = Assert.Single(await _fleet.Queue.QueueAsync(request)).Action;
        var service = _fleet.BackOffice.GetServices<IHostedService>().OfType<RemoteActionExpiryService>().Single();
        var timers = _clock.TimersCreated;

        await service.StartAsync(default);
        await _clock.WaitForTimersAsync(timers + 1);
        await _clock.AdvanceAndWaitAsync(TimeSpan.FromMinutes(59));
        var before = await _fleet.Queue.GetAsync("ACME", first.Id);
        await _clock.AdvanceAndWaitAsync(TimeSpan.FromMinutes(5));
        var after = await _fleet.Queue.GetAsync("ACME", first.Id);
        var again = Assert.Single(await _fleet.Queue.QueueAsync(request));
        await service.StopAsync(default);

        Assert.Equal(RemoteActionState.Pending, before!.State);
        Assert.Equal(RemoteActionState.Expired, after!.State);
        Assert.Equal([RemoteActionState.Pending, RemoteActionState.Expired], after.History.Select(h => h.State));
        Assert.Equal(first.CreatedAt.AddMinutes(64), after.History[^1].At);
        Assert.False(again.Collapsed);
        var pending = await _fleet.Queue.ListAsync(new RemoteActionQuery { Organization = "ACME", List = RemoteActionList.Pending });
        Assert.Equal([again.Action.Id], pending.Actions.Select(a => a.Id));
    }
}
