using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>
/// A back office disposed in the middle of a dispatch pass, on a SQLite file, and started again: what was sent is not
/// sent again, what was cut off is sent once (after the claim lapses), and republishing the events adds nothing.
/// </summary>
public sealed class SqliteNotificationRestartTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly TestClock _clock = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task DispatchDueAsync_HostDisposedMidDispatchThenRestarted_SendsEachNotificationOnce()
    {
        var delivered = new ConcurrentDictionary<string, int>();
        var blocking = new BlockingNotifier(delivered, blockOnCall: 3);
        var dispatching = Task.CompletedTask;
        using (var first = Build(blocking))
        {
            var publisher = first.GetRequiredService<IItemEventPublisher>();
            for (var i = 1; i <= 3; i++)
            {
                await publisher.PublishAsync(Event(i), default);
            }

            using var stop = new CancellationTokenSource();
            dispatching = first.GetRequiredService<INotificationDispatcher>().DispatchDueAsync(stop.Token).AsTask();
            await blocking.Blocked.Task; // two mails went out; the third is on the wire
            await stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dispatching);
        }

        var resumed = new BlockingNotifier(delivered, blockOnCall: int.MaxValue);
        using var second = Build(resumed);
        var again = second.GetRequiredService<IItemEventPublisher>();
        for (var i = 1; i <= 3; i++)
        {
            await again.PublishAsync(Event(i), default); // the restarted host republishes what it cannot know was recorded
        }

        var dispatcher = second.GetRequiredService<INotificationDispatcher>();
        var beforeLease = await dispatcher.DispatchDueAsync();
        _clock.Advance(TimeSpan.FromMinutes(5));
        await dispatcher.DispatchDueAsync();

        Assert.Equal(0, beforeLease);
        Assert.Equal(3, delivered.Count);
        Assert.All(delivered.Values, count => Assert.Equal(1, count));
        var outbox = await second.GetRequiredService<INotificationStore>().QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1" }, default);
        Assert.Equal(3, outbox.Count);
        Assert.All(outbox, d => Assert.Equal(NotificationDeliveryState.Sent, d.State));
        Assert.Equal(1, outbox.Single(d => d.EventId == "e-3").Attempts); // the cut-off attempt was never recorded
    }

    private ServiceProvider Build(INotifier email) => SqliteNotificationHost.Build(Path.Combine(_dir.Path, "fleet.db"), _clock, email);

    private ItemEvent Event(int i) => SqliteNotificationHost.OpenEvent(i, _clock);

    /// <summary>Counts each completed send by idempotency key; the send numbered <c>blockOnCall</c> waits until cancelled.</summary>
    private sealed class BlockingNotifier(ConcurrentDictionary<string, int> delivered, int blockOnCall) : INotifier
    {
        private int _calls;

        public TaskCompletionSource Blocked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == blockOnCall)
            {
                Blocked.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }

            delivered.AddOrUpdate(message.IdempotencyKey, 1, (_, n) => n + 1);
            return NotificationResult.ForAll(message.Recipients, DeliveryStatus.Sent);
        }
    }
}
