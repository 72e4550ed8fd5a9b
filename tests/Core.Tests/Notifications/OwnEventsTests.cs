using Microsoft.Extensions.DependencyInjection;
using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Notifications;
using PosFleet.Notifications.Items;
using PosFleet.Status;
using PosFleet.Sync;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;
using PosFleet.Tests.Digests;
using PosFleet.Tests.Updates;

namespace PosFleet.Tests.Notifications;

/// <summary>
/// PosFleet's own items published as item events when the engine is registered, as a failed remote action is: a
/// terminal turning red, a rollout halted, a digest not delivered. Each once per transition.
/// </summary>
public sealed class OwnEventsTests
{
    [Fact]
    public async Task RecordAsync_CarriedErrorAfterASuccessfulExchange_PublishesNothing()
    {
        await using var board = StatusBoard(new TestClock());
        var (events, recorder) = (board.Events, board.Recorder);
        var request = new SyncRequest { TerminalId = "till-07", Heartbeat = new SyncHeartbeat { ApplicationVersion = "35.0", LastError = "ERP unreachable" } };

        await recorder.RecordAsync(new TerminalIdentity("till-07", "ACME"), request, refusal: null, default);

        Assert.Empty(events.Events);
    }

    [Fact]
    public async Task RecordAsync_TerminalTurnsRed_PublishesOncePerTransitionIntoRed()
    {
        var clock = new TestClock();
        await using var board = StatusBoard(clock);
        var (events, recorder) = (board.Events, board.Recorder);
        var till = new TerminalIdentity("till-07", "ACME");

        // The board turns red when the back office refuses an exchange; an error a heartbeat carries from before the
        // previous exchange (unreachable) only joins the history, since the exchange that carries it went through.
        async Task BeatAsync(string? refusal)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var request = new SyncRequest { TerminalId = "till-07", Heartbeat = new SyncHeartbeat { ApplicationVersion = "35.0" } };
            await recorder.RecordAsync(till, request, refusal, default);
        }

        await BeatAsync(null);
        await BeatAsync("ERP unreachable");   // green → red
        await BeatAsync("ERP unreachable");   // still red
        await BeatAsync(null);
        await BeatAsync("disk full");         // red again

        Assert.Equal(2, events.Events.Count);
        Assert.Equal(2, events.Events.Select(e => e.EventId).Distinct().Count());
        Assert.All(events.Events, e => Assert.Equal(("terminal", "till-07", "Red", "ACME", ItemEventType.StateChanged), (e.Item.Kind, e.Item.Id, e.Item.State, e.Item.OrganizationId, e.Type)));
        Assert.Contains("ERP unreachable", events.Events[0].Item.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_FirstExchangeFailsTwice_PublishesOneEvent()
    {
        await using var board = StatusBoard(new TestClock());
        var (events, recorder) = (board.Events, board.Recorder);
        var request = new SyncRequest { TerminalId = "till-07", Heartbeat = new SyncHeartbeat { ApplicationVersion = "35.0" } };

        await recorder.RecordAsync(new TerminalIdentity("till-07", "ACME"), request, refusal: "ERP unreachable", default);
        await recorder.RecordAsync(new TerminalIdentity("till-07", "ACME"), request, refusal: "ERP unreachable", default);

        Assert.Single(events.Events);
    }

    [Fact]
    public async Task RecordAsync_CarriedErrorAfterTheExchange_PublishesOncePerTransitionIntoRed()
    {
        var clock = new TestClock();
        await using var board = StatusBoard(clock);
        var (events, recorder) = (board.Events, board.Recorder);

        // A sync that failed after reaching the back office (an import) keeps the terminal red until one completes cleanly.
        async Task BeatAsync(string? carried)
        {
            clock.Advance(TimeSpan.FromMinutes(1));
            var heartbeat = new SyncHeartbeat { ApplicationVersion = "35.0", LastError = carried, LastErrorAfterExchange = carried is not null };
            await recorder.RecordAsync(new TerminalIdentity("till-07", "ACME"), new SyncRequest { TerminalId = "till-07", Heartbeat = heartbeat }, refusal: null, default);
        }

        await BeatAsync(null);
        await BeatAsync("import failed: disk full");   // green → red
        await BeatAsync("import failed: disk full");   // still red
        await BeatAsync(null);
        await BeatAsync("actions not recorded");       // red again

        Assert.Equal(2, events.Events.Count);
        Assert.Equal(2, events.Events.Select(e => e.EventId).Distinct().Count());
        Assert.All(events.Events, e => Assert.Equal(("terminal", "till-07", "Red", "ACME"), (e.Item.Kind, e.Item.Id, e.Item.State, e.Item.OrganizationId)));
        Assert.Contains("import failed: disk full", events.Events[0].Item.Title, StringComparison.Ordinal);
        Assert.Contains("actions not recorded", events.Events[1].Item.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HaltAsync_ByHand_PublishesHaltedOnceAndAgainAfterResume()
    {
        var events = new RecordingItemEventPublisher();
        await using var fleet = new PackageFleet(backOffice: s => s.AddSingleton<IItemEventPublisher>(events));
        await fleet.PublishAsync("35.0");
        await fleet.TargetAsync("35.0", "ACME", 50, 100);

        await fleet.Catalog.HaltAsync("ACME", "bad build reported by the help desk");
        await fleet.Catalog.HaltAsync("ACME", "still bad");          // halted already: no transition
        await fleet.Catalog.ResumeAsync("ACME");
        fleet.Clock.Advance(TimeSpan.FromMinutes(1));
        await fleet.Catalog.HaltAsync("ACME", "bad again");

        Assert.Equal(2, events.Events.Select(e => e.EventId).Distinct().Count());
        var first = events.Events[0];
        Assert.Equal(("rollout", "ACME", "Halted"), (first.Item.Kind, first.Item.OrganizationId, first.Item.State));
        Assert.EndsWith("/35.0", first.Item.Id, StringComparison.Ordinal);
        Assert.Contains("bad build reported by the help desk", first.Item.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sync_FailuresPastTheThreshold_PublishOneRolloutHalted()
    {
        var events = new RecordingItemEventPublisher();
        await using var fleet = new PackageFleet(backOffice: s => s.AddSingleton<IItemEventPublisher>(events));
        var tills = new List<Till>();
        for (var i = 1; i <= 4; i++)
        {
            var till = await fleet.TillAsync($"till-{i:00}", "ACME");
            till.Installer.FailWith = "disk full";
            tills.Add(till);
        }

        await fleet.PublishAsync("35.0");
        await fleet.TargetAsync("35.0", "ACME", 100);
        for (var round = 0; round < 3; round++)
        {
            foreach (var till in tills)
            {
                await till.SyncAsync();
            }
        }

        var halted = Assert.Single(events.Events);
        Assert.Equal(("rollout", "Halted", "ACME"), (halted.Item.Kind, halted.Item.State, halted.Item.OrganizationId));
        Assert.Contains("disk full", halted.Item.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunWindowAsync_DigestNotDelivered_PublishesOneDigestEventOfItsOrganization()
    {
        var window = DigestFixture.DailyWindow(2026, 11, 23);
        var f = new DigestFixture(window.End.AddSeconds(1));
        var events = new RecordingItemEventPublisher();
        await f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        f.Logs.AddMany(3, window.Start.AddHours(1), TimeSpan.FromMinutes(7), LogKind.Offline, "till-01", "Printer KITCHEN is offline");
        f.Notifier.Answer = r => new NotificationDelivery(r, DeliveryStatus.PermanentFailure, "550 no such user");

        var result = await f.Runner(notifications: events).RunWindowAsync("shop-12", window);
        await f.Runner(notifications: events).RunWindowAsync("shop-12", window);

        Assert.Equal(DigestRunOutcome.Failed, result.Outcome);
        var published = Assert.Single(events.Events);
        Assert.Equal(("digest", "shop-12", "Failed", "shop-12"), (published.Item.Kind, published.Item.Id, published.Item.State, published.Item.OrganizationId));
        Assert.Contains("ops@example.com", published.Item.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunWindowAsync_DigestSent_PublishesNothing()
    {
        var window = DigestFixture.DailyWindow(2026, 11, 23);
        var f = new DigestFixture(window.End.AddSeconds(1));
        var events = new RecordingItemEventPublisher();
        await f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        f.Logs.AddMany(3, window.Start.AddHours(1), TimeSpan.FromMinutes(7), LogKind.Offline, "till-01", "Printer KITCHEN is offline");

        Assert.Equal(DigestRunOutcome.Sent, (await f.Runner(notifications: events).RunWindowAsync("shop-12", window)).Outcome);
        Assert.Empty(events.Events);
    }

    [Fact]
    public async Task ListEventsAsync_UndeliveredDigestWhosePublishWasLost_ListsItsEventAgainUnderTheSameId()
    {
        var window = DigestFixture.DailyWindow(2026, 11, 23);
        var f = new DigestFixture(window.End.AddSeconds(1));
        await f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        f.Logs.AddMany(3, window.Start.AddHours(1), TimeSpan.FromMinutes(7), LogKind.Offline, "till-01", "Printer KITCHEN is offline");
        f.Notifier.Answer = r => new NotificationDelivery(r, DeliveryStatus.PermanentFailure, "550 no such user");
        var atTheRun = new RecordingItemEventPublisher(); // what the run published, or would have had its host lived
        await f.Runner(notifications: atTheRun).RunWindowAsync("shop-12", window);

        // A later start lists again what the ledger holds, as often as it starts: the same event, the engine's key.
        var runner = f.Runner(notifications: null);
        var first = await runner.ListEventsAsync(default);
        var second = await runner.ListEventsAsync(default);

        Assert.Equal(atTheRun.Events.Single().EventId, first.Concat(second).Select(e => e.EventId).Distinct().Single());
        Assert.Equal(("digest", "Failed", "shop-12"), (first[0].Item.Kind, first[0].Item.State, first[0].Item.OrganizationId));
    }

    [Fact]
    public async Task ListEventsAsync_UndeliveredDigestOlderThanTheWindow_IsNotListedAgain()
    {
        var window = DigestFixture.DailyWindow(2026, 11, 23);
        var f = new DigestFixture(window.End.AddSeconds(1));
        await f.SaveAsync(DigestFixture.Subscription(threshold: 1));
        f.Logs.AddMany(3, window.Start.AddHours(1), TimeSpan.FromMinutes(7), LogKind.Offline, "till-01", "Printer KITCHEN is offline");
        f.Notifier.Answer = r => new NotificationDelivery(r, DeliveryStatus.PermanentFailure, "550 no such user");
        await f.Runner(notifications: new RecordingItemEventPublisher()).RunWindowAsync("shop-12", window);
        Assert.Single(await f.Runner().ListEventsAsync(default));

        // Two days later a start (a recipient or rule added since) does not send that old failure again.
        f.Time.Advance(TimeSpan.FromDays(2));
        Assert.Empty(await f.Runner().ListEventsAsync(default));
    }

    /// <summary>A back office with the status board whose own events go to a recorder.</summary>
    private static StatusBoardHost StatusBoard(TestClock clock)
    {
        var events = new RecordingItemEventPublisher();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddSingleton<IItemEventPublisher>(events);
        services.AddPosFleet().AddSyncBackOffice().AddStatus();
        var provider = services.BuildServiceProvider();
        return new StatusBoardHost(provider, provider.GetRequiredService<TerminalStatusRecorder>(), events);
    }

    private sealed record StatusBoardHost(ServiceProvider Provider, TerminalStatusRecorder Recorder, RecordingItemEventPublisher Events) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Provider.DisposeAsync();
    }
}
