using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PosFleet.Diagnostics;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;
using PosFleet.Tests.Sync;

namespace PosFleet.Tests.Diagnostics;

/// <summary>No other test records into PosFleet's static instruments while these read them.</summary>
[CollectionDefinition(nameof(TelemetryCollection), DisableParallelization = true)]
public sealed class TelemetryCollection;

/// <summary>What a host's OpenTelemetry receives from PosFleet's meter and activity source, read with a collector and a listener.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class TelemetryTests : IAsyncDisposable, IDisposable
{
    private readonly TestClock _clock = new();
    private readonly BackOffice _backOffice;
    private readonly List<Activity> _activities = [];
    private readonly ActivityListener _listener;

    public TelemetryTests()
    {
        _backOffice = new BackOffice(_clock);
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == PosFleetTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // Only this class's exchanges (terminals till-4x) are kept: an activity of another test is never held.
            ActivityStopped = a =>
            {
                if (a.GetTagItem("posfleet.terminal.id") is not string terminal || !terminal.StartsWith("till-4", StringComparison.Ordinal))
                {
                    return;
                }

                lock (_activities)
                {
                    _activities.Add(a);
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    // The listener goes in Dispose, which every runner calls; a listener left behind would hold other tests' activities.
    public void Dispose() => _listener.Dispose();

    public async ValueTask DisposeAsync()
    {
        _listener.Dispose();
        await _backOffice.DisposeAsync();
    }

    private Activity[] Activities(string name)
    {
        lock (_activities)
        {
            return [.. _activities.Where(a => a.OperationName == name)];
        }
    }

    [Fact]
    public async Task HandleAsync_AcceptedBatch_RecordsTheExchangeAndItsAcknowledgedMessages()
    {
        using var durations = new MetricCollector<double>(PosFleetInstruments.Meter, "posfleet.sync.exchange.duration");
        using var messages = new MetricCollector<long>(PosFleetInstruments.Meter, "posfleet.sync.messages");
        var enrolment = await _backOffice.Registry.EnrolAsync("till-41", "ACME");
        _backOffice.Tickets.RejectOn = 3;
        var request = new SyncRequest
        {
            TerminalId = "till-41",
            Organization = "ACME",
            Heartbeat = new() { ApplicationVersion = "1.0" },
            Outbox = [BackOffice.Ticket(1, _clock), BackOffice.Ticket(2, _clock), BackOffice.Ticket(3, _clock)],
        };

        var result = await _backOffice.Handler.HandleAsync(enrolment.Credential, request, CancellationToken.None);

        Assert.Equal(SyncExchangeStatus.Ok, result.Status);
        Assert.Equal("s", durations.Instrument!.Unit);
        Assert.Equal("{message}", messages.Instrument!.Unit);
        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("ok", duration.Tags["posfleet.sync.status"]);
        Assert.True(duration.Value >= 0);
        var counted = messages.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["posfleet.sync.message.outcome"]!, m => m.Value);
        Assert.Equal(new Dictionary<string, long> { ["acknowledged"] = 2, ["rejected"] = 1 }, counted);
        var activity = Assert.Single(Activities("posfleet.sync.exchange"), a => (string?)a.GetTagItem("posfleet.terminal.id") == "till-41");
        Assert.Equal(ActivityKind.Server, activity.Kind);
        Assert.Equal("ok", activity.GetTagItem("posfleet.sync.status"));
    }

    [Fact]
    public async Task HandleAsync_AnotherTerminalsCredential_RecordsForbiddenWithoutTheCredential()
    {
        using var durations = new MetricCollector<double>(PosFleetInstruments.Meter, "posfleet.sync.exchange.duration");
        var enrolment = await _backOffice.Registry.EnrolAsync("till-42", "ACME");

        var result = await _backOffice.Handler.HandleAsync(enrolment.Credential, new SyncRequest { TerminalId = "till-43", Heartbeat = new() { ApplicationVersion = "1.0" } }, CancellationToken.None);

        Assert.Equal(SyncExchangeStatus.Forbidden, result.Status);
        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("forbidden", duration.Tags["posfleet.sync.status"]);
        // The terminal's mistake, answered as such: not a failure of the back office (as a 4xx on an HTTP server span).
        Assert.False(duration.Tags.ContainsKey(PosFleetInstruments.ErrorType));
        var activity = Assert.Single(Activities("posfleet.sync.exchange"), a => (string?)a.GetTagItem("posfleet.terminal.id") == "till-43");
        Assert.Equal(ActivityStatusCode.Unset, activity.Status);
        Assert.DoesNotContain(activity.TagObjects, t => t.Value is string s && s.Contains(enrolment.Credential, StringComparison.Ordinal));
    }

    [Fact]
    public async Task HandleAsync_NoCredential_RecordsUnauthorized()
    {
        using var durations = new MetricCollector<double>(PosFleetInstruments.Meter, "posfleet.sync.exchange.duration");

        var result = await _backOffice.Handler.HandleAsync(null, new SyncRequest { TerminalId = "till-44", Heartbeat = new() { ApplicationVersion = "1.0" } }, CancellationToken.None);

        Assert.Equal(SyncExchangeStatus.Unauthorized, result.Status);
        Assert.Equal("unauthorized", Assert.Single(durations.GetMeasurementSnapshot()).Tags["posfleet.sync.status"]);
    }
}
