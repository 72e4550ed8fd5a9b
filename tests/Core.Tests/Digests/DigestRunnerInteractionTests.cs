// NSubstitute configures and checks calls of ValueTask-returning members without consuming the ValueTask.
#pragma warning disable CA2012

using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;
using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Notifications;

namespace PosFleet.Tests.Digests;

/// <summary>What the runner asks of its plug-ins (the notifier, the store): substitutes record the calls.</summary>
public sealed class DigestRunnerInteractionTests
{
    private static readonly DigestWindow Window = DigestFixture.DailyWindow(2026, 11, 23);
    private static readonly string[] Everyone = ["ana@example.es", "ops@example.com"];

    private readonly DigestFixture _f = new(Window.End.AddSeconds(1));
    private readonly INotifier _notifier = Substitute.For<INotifier>();
    private Func<string, DeliveryStatus> _answer = _ => DeliveryStatus.Sent;

    public DigestRunnerInteractionTests()
    {
        _f.Logs.AddMany(3, Window.Start.AddHours(1), TimeSpan.FromMinutes(7), LogKind.Offline, "till-01", "Printer KITCHEN is offline");
        _notifier.SendAsync(default!, default).ReturnsForAnyArgs(call => ValueTask.FromResult(
            new NotificationResult([.. call.Arg<NotificationMessage>().Recipients.Select(r => new NotificationDelivery(r, _answer(r), _answer(r) == DeliveryStatus.Sent ? null : "421 busy"))])));
    }

    private DigestRunner Runner(IDigestStore store) => new(
        store, _f.Logs, _notifier, _f.Rules,
        Microsoft.Extensions.Options.Options.Create(new DigestOptions { HostId = "host-a", UseRetryJitter = false }), _f.Time, NullLogger<DigestRunner>.Instance);

    private static async Task<InMemoryDigestStore> StoreWithSubscriptionAsync()
    {
        var store = new InMemoryDigestStore();
        await store.SaveSubscriptionAsync(DigestFixture.Subscription(threshold: 1), default);
        return store;
    }

    [Fact]
    public async Task RunWindow_AtThreshold_CallsTheNotifierOnceForEveryRecipient()
    {
        var runner = Runner(await StoreWithSubscriptionAsync());

        await runner.RunWindowAsync("shop-12", Window);

        await _notifier.Received(1).SendAsync(Arg.Any<NotificationMessage>(), Arg.Any<CancellationToken>());
        await _notifier.Received(1).SendAsync(Arg.Is<NotificationMessage>(m => m.Recipients.SequenceEqual(Everyone)), Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task RunDue_RetryAfterATransientFailure_CallsTheNotifierAgainOnlyForThePendingRecipient()
    {
        var runner = Runner(await StoreWithSubscriptionAsync());
        _answer = r => r == "ops@example.com" ? DeliveryStatus.TransientFailure : DeliveryStatus.Sent;
        await runner.RunWindowAsync("shop-12", Window);
        _answer = _ => DeliveryStatus.Sent;

        _f.Time.Advance(TimeSpan.FromMinutes(5));
        await runner.RunDueAsync();

        Received.InOrder(() =>
        {
            _notifier.SendAsync(Arg.Is<NotificationMessage>(m => m.Recipients.SequenceEqual(Everyone)), Arg.Any<CancellationToken>());
            _notifier.SendAsync(Arg.Is<NotificationMessage>(m => m.Recipients.SequenceEqual(new[] { "ops@example.com" })), Arg.Any<CancellationToken>());
        });
        await _notifier.ReceivedWithAnyArgs(2).SendAsync(default!, default);
    }

    [Fact]
    public async Task RunWindow_StoreFailsToClaim_SurfacesTheStorageErrorWithoutSendingOrWriting()
    {
        var store = Substitute.For<IDigestStore>();
        store.GetSubscriptionAsync("shop-12", Arg.Any<CancellationToken>()).Returns(DigestFixture.Subscription(threshold: 1));
        store.TryClaimRunAsync(default!, default).ReturnsForAnyArgs(_ => ValueTask.FromException<DigestRun?>(new PosFleetStorageException("The database 'fleet.db' stayed busy.")));

        var error = await Assert.ThrowsAsync<PosFleetStorageException>(async () => await Runner(store).RunWindowAsync("shop-12", Window));

        Assert.Contains("fleet.db", error.Message, StringComparison.Ordinal);
        await _notifier.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        await store.DidNotReceiveWithAnyArgs().UpdateRunAsync(default!, default);
    }

    [Fact]
    public async Task RunDue_StoreFailsToClaim_SurfacesTheStorageErrorRatherThanReportingTheRunPending()
    {
        var store = Substitute.For<IDigestStore>();
        store.GetSubscriptionsAsync(Arg.Any<CancellationToken>()).Returns([DigestFixture.Subscription(threshold: 1)]);
        store.QueryRunsAsync(default!, default).ReturnsForAnyArgs([]);
        store.TryClaimRunAsync(default!, default).ReturnsForAnyArgs(_ => ValueTask.FromException<DigestRun?>(new PosFleetStorageException("disk I/O error")));

        await Assert.ThrowsAsync<PosFleetStorageException>(async () => await Runner(store).RunDueAsync());

        await _notifier.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        await store.DidNotReceiveWithAnyArgs().UpdateRunAsync(default!, default);
    }

    [Fact]
    public async Task RunWindow_ClaimHeldByAnotherHost_NeitherSendsNorWrites()
    {
        var store = Substitute.For<IDigestStore>();
        store.GetSubscriptionAsync("shop-12", Arg.Any<CancellationToken>()).Returns(DigestFixture.Subscription(threshold: 1));
        store.TryClaimRunAsync(default!, default).ReturnsForAnyArgs((DigestRun?)null);

        var result = await Runner(store).RunWindowAsync("shop-12", Window);

        Assert.Equal(DigestRunOutcome.Skipped, result.Outcome);
        await _notifier.DidNotReceiveWithAnyArgs().SendAsync(default!, default);
        await store.DidNotReceiveWithAnyArgs().UpdateRunAsync(default!, default);
    }
}
