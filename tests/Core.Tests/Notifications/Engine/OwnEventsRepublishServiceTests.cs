using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Tests.Notifications.Engine;

/// <summary>
/// The start-up republishing of PosFleet's own events runs after the host has started, and publishes every event it
/// can: one that fails, or a source that cannot be read, is logged and counted, and the rest still go.
/// </summary>
public sealed class OwnEventsRepublishServiceTests
{
    [Fact]
    public async Task ExecuteAsync_OneEventAndOneSourceFail_PublishesEveryOtherEventAndLogsBoth()
    {
        var publisher = new FailingPublisher("digest-2");
        var logger = new FakeLogger<OwnEventsRepublishService>();
        IOwnEventSource[] sources =
        [
            new ListedSource(Event("rollout-1")),
            new BrokenSource(),
            new ListedSource(Event("digest-1"), Event("digest-2"), Event("digest-3")),
        ];
        using var service = new OwnEventsRepublishService(sources, publisher, logger);

        await service.StartAsync(default);
        await service.ExecuteTask!;

        Assert.Equal(["rollout-1", "digest-1", "digest-3"], publisher.Published);
        var warnings = logger.Collector.GetSnapshot().Where(r => r.Level == LogLevel.Warning).Select(r => r.Message).ToList();
        Assert.Contains(warnings, m => m.Contains(nameof(BrokenSource), StringComparison.Ordinal) && m.Contains("could not read", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.Contains("digest-2", StringComparison.Ordinal));
        Assert.Contains(warnings, m => m.Contains("published 2 own events again", StringComparison.Ordinal) && m.Contains("1 could not be published", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_SourceStillReading_HostStartsWithoutWaitingAndPublishesAfterwards()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<INotificationDirectory>(new NotificationHarness.TestDirectory());
        builder.Services.AddPosFleet().AddNotificationEngine(o =>
        {
            o.EnableDispatcher = false;
            o.Rules.Add(new NotificationRule { Kind = "rollout", States = ["Halted"], Channels = new Dictionary<string, IList<string>> { ["inapp"] = ["administrators"] } });
        });
        builder.Services.AddSingleton<IOwnEventSource>(new GatedSource(gate.Task, Event("rollout-1")));
        using var host = builder.Build();

        // Were the start to wait for the source, it would wait for ever: the gate opens only once the host has started.
        await host.StartAsync().WaitAsync(TimeSpan.FromMinutes(1));
        var inbox = host.Services.GetRequiredService<INotificationInbox>();
        Assert.Equal(0, await inbox.CountUnreadAsync("org-1", "admin-1"));
        gate.SetResult();
        await host.Services.GetServices<IHostedService>().OfType<OwnEventsRepublishService>().Single().ExecuteTask!;

        Assert.Equal(1, await inbox.CountUnreadAsync("org-1", "admin-1"));
        await host.StopAsync();
    }

    private static ItemEvent Event(string id) => new()
    {
        EventId = id,
        Type = ItemEventType.StateChanged,
        OccurredAt = new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero),
        Item = new NotificationItem { Id = "pos/35.0", Kind = "rollout", Title = "Rollout of pos 35.0: disk full", State = "Halted", OrganizationId = "org-1" },
    };

    private sealed class ListedSource(params ItemEvent[] events) : IOwnEventSource
    {
        public ValueTask<IReadOnlyList<ItemEvent>> ListEventsAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<ItemEvent>>(events);
    }

    private sealed class BrokenSource : IOwnEventSource
    {
        public ValueTask<IReadOnlyList<ItemEvent>> ListEventsAsync(CancellationToken cancellationToken) => throw new IOException("the store is unreachable");
    }

    private sealed class GatedSource(Task gate, params ItemEvent[] events) : IOwnEventSource
    {
        public async ValueTask<IReadOnlyList<ItemEvent>> ListEventsAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            return events;
        }
    }

    private sealed class FailingPublisher(string failing) : IItemEventPublisher
    {
        public List<string> Published { get; } = [];

        public ValueTask PublishAsync(ItemEvent itemEvent, CancellationToken cancellationToken)
        {
            if (itemEvent.EventId == failing)
            {
                throw new InvalidOperationException("the directory is unreachable");
            }

            Published.Add(itemEvent.EventId);
            return ValueTask.CompletedTask;
        }
    }
}
