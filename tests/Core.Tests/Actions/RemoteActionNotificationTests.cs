using Microsoft.Extensions.DependencyInjection;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;
using PosFleet.Notifications.Items;
using PosFleet.Tests.Notifications;

namespace PosFleet.Tests.Actions;

/// <summary>A failed remote action is published once as an item event when an event publisher is registered.</summary>
public sealed class RemoteActionNotificationTests
{
    [Fact]
    public async Task ExchangeAsync_ActionFailed_PublishesOneActionEventOfItsOrganization()
    {
        var events = new RecordingItemEventPublisher();
        await using var fleet = new ActionsFleet(new TestClock(), backOffice: s => s.AddSingleton<IItemEventPublisher>(events));
        var handler = new RecordingActionHandler((_, _) => ValueTask.FromResult(RemoteActionOutcome.Failed("ERP down", retry: false)));
        var terminal = await fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.ReimportOrder, handler));
        var action = (await fleet.Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = RemoteActionNames.ReimportOrder, Parameters = new Dictionary<string, string> { ["order"] = "SO-1" } })).Single().Action;

        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        await terminal.SyncAsync();
        await terminal.SyncAsync();

        var published = Assert.Single(events.Events.DistinctBy(e => e.EventId));
        Assert.Equal("action", published.Item.Kind);
        Assert.Equal("Failed", published.Item.State);
        Assert.Equal("ACME", published.Item.OrganizationId);
        Assert.Equal(action.Id.ToString("N"), published.Item.Id);
    }

    [Fact]
    public async Task ExchangeAsync_ActionSucceeded_PublishesNothing()
    {
        var events = new RecordingItemEventPublisher();
        await using var fleet = new ActionsFleet(new TestClock(), backOffice: s => s.AddSingleton<IItemEventPublisher>(events));
        var terminal = await fleet.TerminalAsync("till-01", b => b.AddActionHandler(RemoteActionNames.ReimportOrder, new RecordingActionHandler()));
        await fleet.Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-01", Name = RemoteActionNames.ReimportOrder, Parameters = new Dictionary<string, string> { ["order"] = "SO-1" } });

        await terminal.SyncAsync();
        await terminal.RunActionsAsync();
        await terminal.SyncAsync();

        Assert.Empty(events.Events);
    }
}
