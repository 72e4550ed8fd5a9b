using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PosFleet.Actions;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;
using PosFleet.Diagnostics;
using PosFleet.Notifications;
using PosFleet.Sync;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Exchange;
using PosFleet.Tests.Actions;

namespace PosFleet.Tests.Diagnostics;

/// <summary>The sync agent's, the remote actions' and the notifications' instruments and spans, read while the real operation runs.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class SyncAndActionInstrumentTests : IAsyncDisposable, IDisposable
{
    private readonly TestClock _clock = new();
    private readonly ActionsFleet _fleet;
    private readonly RecordedActivities _activities = new();

    public SyncAndActionInstrumentTests() => _fleet = new ActionsFleet(_clock);

    // The listener goes in Dispose, which every runner calls: left behind, it would keep every span the later tests of
    // the process make (the offline agent's week of retries among them).
    public void Dispose() => _activities.Dispose();

    public async ValueTask DisposeAsync()
    {
        _activities.Dispose();
        await _fleet.DisposeAsync();
    }

    [Fact]
    public async Task SyncNowAsync_OneTerminalReachesTheBackOfficeOneDoesNot_RecordsEachStatusAndTracesAClientSpanAroundTheServerSpan()
    {
        using var durations = new MetricCollector<double>(PosFleetInstruments.Meter, "posfleet.sync.agent.duration");
        var online = await _fleet.TerminalAsync("till-51");
        var offline = await _fleet.TerminalAsync("till-52", transport: new UnreachableTransport());

        var succeeded = await online.GetRequiredService<ISyncAgent>().SyncNowAsync();
        var unreachable = await offline.GetRequiredService<ISyncAgent>().SyncNowAsync();

        Assert.Equal(SyncOutcomeStatus.Succeeded, succeeded.Status);
        Assert.Equal(SyncOutcomeStatus.Unreachable, unreachable.Status);
        Assert.Equal("s", durations.Instrument!.Unit);
        var measured = durations.GetMeasurementSnapshot();
        Assert.Equal(["succeeded", "unreachable"], measured.Select(m => m.Tags["posfleet.sync.status"]));
        Assert.False(measured[0].Tags.ContainsKey(PosFleetInstruments.ErrorType));
        Assert.Equal("unreachable", measured[1].Tags[PosFleetInstruments.ErrorType]);
        var agents = _activities.Named("posfleet.sync.agent");
        Assert.Equal(2, agents.Length);
        Assert.All(agents, a => Assert.Equal(ActivityKind.Client, a.Kind));
        Assert.Equal([ActivityStatusCode.Unset, ActivityStatusCode.Error], agents.Select(a => a.Status));
        Assert.Equal("unreachable", agents[1].GetTagItem(PosFleetInstruments.ErrorType));
        var exchange = Assert.Single(_activities.Named("posfleet.sync.exchange"));
        Assert.Equal(ActivityKind.Server, exchange.Kind);
        Assert.Equal(agents[0].SpanId, exchange.ParentSpanId);
    }

    [Fact]
    public async Task QueueSyncRunSync_OneSucceedsOneFails_TracesQueueDeliverRunAndReportAndCountsEachResult()
    {
        using var results = new MetricCollector<long>(PosFleetInstruments.Meter, "posfleet.action.results");
        using var runs = new MetricCollector<double>(PosFleetInstruments.Meter, "posfleet.action.run.duration");
        var failing = new RecordingActionHandler((_, _) => ValueTask.FromResult(RemoteActionOutcome.Failed("The printer did not answer.")));
        var terminal = await _fleet.TerminalAsync("till-53", b => b.AddActionHandler(RemoteActionNames.ClearCache, new RecordingActionHandler()).AddActionHandler(RemoteActionNames.LeaveSafeMode, failing));
        await _fleet.Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-53", Name = RemoteActionNames.ClearCache, Parameters = new Dictionary<string, string>() });
        await _fleet.Queue.QueueAsync(new RemoteActionRequest { Organization = "ACME", TerminalId = "till-53", Name = RemoteActionNames.LeaveSafeMode, Parameters = new Dictionary<string, string>(), MaxAttempts = 1 });

        await terminal.SyncAsync();
        Assert.Equal(2, await terminal.RunActionsAsync());
        await terminal.SyncAsync();

        var queued = _activities.Named("posfleet.action.queue");
        Assert.Equal([RemoteActionNames.ClearCache, RemoteActionNames.LeaveSafeMode], queued.Select(a => a.GetTagItem("posfleet.action.name")));
        Assert.All(queued, a => Assert.Equal(ActivityKind.Producer, a.Kind));
        Assert.All(queued, a => Assert.Equal(1, a.GetTagItem("posfleet.action.queued")));
        var exchanges = _activities.Named("posfleet.sync.exchange");
        var delivered = _activities.Named("posfleet.action.deliver");
        var sent = delivered.Where(a => a.Kind == ActivityKind.Producer).ToList();
        Assert.All(sent, a => Assert.Contains(exchanges, e => e.SpanId == a.ParentSpanId));
        Assert.Equal(2, sent.Sum(a => (int)a.GetTagItem("posfleet.action.delivered")!));
        // On the terminal: the same deliveries taken into its journal, inside its sync's client span.
        var taken = Assert.Single(delivered, a => a.Kind == ActivityKind.Consumer);
        Assert.Equal(2, taken.GetTagItem("posfleet.action.received"));
        Assert.Contains(_activities.Named("posfleet.sync.agent"), a => a.SpanId == taken.ParentSpanId);
        // The terminal may run the two actions in either order: each span is found by its action's name.
        var ran = _activities.Named("posfleet.action.run");
        Assert.Equal(2, ran.Length);
        Assert.All(ran, a => Assert.Equal(ActivityKind.Consumer, a.Kind));
        var cleared = Assert.Single(ran, a => (string?)a.GetTagItem("posfleet.action.name") == RemoteActionNames.ClearCache);
        var left = Assert.Single(ran, a => (string?)a.GetTagItem("posfleet.action.name") == RemoteActionNames.LeaveSafeMode);
        Assert.Equal("succeeded", cleared.GetTagItem("posfleet.action.state"));
        Assert.Equal(ActivityStatusCode.Unset, cleared.Status);
        Assert.Null(cleared.GetTagItem(PosFleetInstruments.ErrorType));
        Assert.Equal("failed", left.GetTagItem("posfleet.action.state"));
        Assert.Equal(ActivityStatusCode.Error, left.Status);
        Assert.Equal("failed", left.GetTagItem(PosFleetInstruments.ErrorType));
        var reported = _activities.Named("posfleet.action.report");
        Assert.All(reported, a => Assert.Equal(ActivityKind.Consumer, a.Kind));
        Assert.Contains(reported, a => (int)a.GetTagItem("posfleet.action.reports.recorded")! >= 2);

        Assert.Equal("{action}", results.Instrument!.Unit);
        var counted = results.GetMeasurementSnapshot();
        Assert.Equal(2, counted.Count);
        Assert.All(counted, m => Assert.Equal(1, m.Value));
        var success = Assert.Single(counted, m => (string?)m.Tags["posfleet.action.state"] == "succeeded");
        var failure = Assert.Single(counted, m => (string?)m.Tags["posfleet.action.state"] == "failed");
        Assert.False(success.Tags.ContainsKey(PosFleetInstruments.ErrorType));
        Assert.Equal("failed", failure.Tags[PosFleetInstruments.ErrorType]);
        Assert.Equal("s", runs.Instrument!.Unit);
        Assert.Equal(
            [RemoteActionNames.ClearCache, RemoteActionNames.LeaveSafeMode],
            runs.GetMeasurementSnapshot().Select(m => (string)m.Tags["posfleet.action.name"]!).Order(StringComparer.Ordinal).ToList());
    }

    [Fact]
    public async Task SendAsync_OneRecipientRefused_RecordsPartiallySentAsAnErrorOnTheChannel()
    {
        using var durations = new MetricCollector<double>(PosFleetInstruments.Meter, "posfleet.notification.duration");
        var services = new ServiceCollection();
        services.AddPosFleet().AddNotifier(NotificationChannel.Email, _ => new RefusingNotifier("ops@example.com"));
        await using var provider = services.BuildServiceProvider();
        var notifier = provider.GetRequiredService<INotifier>();

        var all = await notifier.SendAsync(Message("ana@example.es"), CancellationToken.None);
        var partial = await notifier.SendAsync(Message("ana@example.es", "ops@example.com"), CancellationToken.None);

        Assert.True(all.AllSent);
        Assert.False(partial.AllSent);
        Assert.Equal("s", durations.Instrument!.Unit);
        var measured = durations.GetMeasurementSnapshot();
        Assert.All(measured, m => Assert.Equal(NotificationChannel.Email.Name, m.Tags["posfleet.notification.channel"]));
        Assert.Equal(["sent", "partially_sent"], measured.Select(m => m.Tags["posfleet.outcome"]));
        Assert.False(measured[0].Tags.ContainsKey(PosFleetInstruments.ErrorType));
        Assert.Equal("partially_sent", measured[1].Tags[PosFleetInstruments.ErrorType]);
        var spans = _activities.Named("posfleet.notification.send");
        Assert.All(spans, a => Assert.Equal(ActivityKind.Client, a.Kind));
        Assert.Equal([1, 2], spans.Select(a => a.GetTagItem("posfleet.notification.recipients")));
        Assert.Equal([ActivityStatusCode.Unset, ActivityStatusCode.Error], spans.Select(a => a.Status));
        Assert.DoesNotContain(spans.SelectMany(a => a.TagObjects), t => t.Value is string s && s.Contains('@', StringComparison.Ordinal));
    }

    private static NotificationMessage Message(params string[] recipients) => new()
    {
        Channel = NotificationChannel.Email,
        Recipients = recipients,
        Subject = "till-07 is offline",
        Text = "till-07 is offline",
        IdempotencyKey = string.Join(',', recipients),
    };

    /// <summary>A network that refuses the connection.</summary>
    private sealed class UnreachableTransport : ISyncTransport
    {
        public Task<SyncResponse> ExchangeAsync(SyncRequest request, CancellationToken cancellationToken) =>
            Task.FromException<SyncResponse>(new HttpRequestException("connection refused"));
    }

    /// <summary>A mail server that refuses one address for good and takes the others.</summary>
    private sealed class RefusingNotifier(string refused) : INotifier
    {
        public ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new NotificationResult([.. message.Recipients.Select(r => r == refused
                ? new NotificationDelivery(r, DeliveryStatus.PermanentFailure, "550 no such user")
                : new NotificationDelivery(r, DeliveryStatus.Sent))]));
    }
}
