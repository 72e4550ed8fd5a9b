using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Notifications;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Connectors.Sqlite.Tests;

/// <summary>
/// Two back-office processes dispatching from one SQLite file, one of them with a pass longer than the claim lease:
/// whatever the timing, each delivery is sent once, by one of them.
/// </summary>
public sealed class SqliteNotificationClaimTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    private readonly TempDirectory _dir = new();
    private readonly TestClock _clock = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task DispatchDueAsync_PassOutlivesLeaseWhileAnotherDispatches_SendsEachDeliveryOnce()
    {
        var sends = new ConcurrentQueue<(string Dispatcher, string Key)>();
        ServiceProvider? second = null;
        var slow = new RecordingNotifier("first", sends, async () =>
        {
            // The first send takes two leases (an SMTP server retried with back-off); the other process runs a pass meanwhile.
            _clock.Advance(Lease * 2);
            await second!.GetRequiredService<INotificationDispatcher>().DispatchDueAsync();
        });
        using var first = Build(slow);
        var publisher = first.GetRequiredService<IItemEventPublisher>();
        await publisher.PublishAsync(Event(1), default);
        await publisher.PublishAsync(Event(2), default);
        second = Build(new RecordingNotifier("second", sends, null));

        var attemptedByFirst = await first.GetRequiredService<INotificationDispatcher>().DispatchDueAsync();
        _clock.Advance(Lease * 3);
        var leftOver = await second.GetRequiredService<INotificationDispatcher>().DispatchDueAsync();
        var outbox = await first.GetRequiredService<INotificationStore>().QueryOutboxAsync(new NotificationOutboxQuery { OrganizationId = "org-1" }, default);

        // The first kept the delivery it was sending (renewed while it sent); the second took the one whose claim lapsed.
        Assert.Equal([("first", "e-1"), ("second", "e-2")], sends.Select(s => (s.Dispatcher, s.Key.Split('/')[2])).Order());
        Assert.Equal(1, attemptedByFirst);
        Assert.Equal(0, leftOver);
        Assert.Equal(2, outbox.Count);
        Assert.All(outbox, d => Assert.Equal((NotificationDeliveryState.Sent, 1), (d.State, d.Attempts)));
        second.Dispose();
    }

    private ServiceProvider Build(INotifier email) => SqliteNotificationHost.Build(Path.Combine(_dir.Path, "fleet.db"), _clock, email, Lease);

    private ItemEvent Event(int i) => SqliteNotificationHost.OpenEvent(i, _clock);

    /// <summary>Records each send with who made it; the first send runs <c>during</c> before it completes.</summary>
    private sealed class RecordingNotifier(string name, ConcurrentQueue<(string, string)> sends, Func<Task>? during) : INotifier
    {
        private int _calls;

        public async ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1 && during is not null)
            {
                await during();
            }

            sends.Enqueue((name, message.IdempotencyKey));
            return NotificationResult.ForAll(message.Recipients, DeliveryStatus.Sent);
        }
    }
}
