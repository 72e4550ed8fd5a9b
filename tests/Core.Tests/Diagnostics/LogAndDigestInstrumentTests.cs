using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using PosFleet.Diagnostics;
using PosFleet.Digests;
using PosFleet.Logs;
using PosFleet.Logs.Storage;
using PosFleet.Notifications;
using PosFleet.Tests.Digests;
using PosFleet.Tests.Logs;

namespace PosFleet.Tests.Diagnostics;

/// <summary>The scan's, the ingest's and the digests' instruments and spans, read while the real operation runs.</summary>
[Collection(nameof(TelemetryCollection))]
public sealed class LogAndDigestInstrumentTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly RecordedActivities _activities = new();

    public void Dispose()
    {
        _activities.Dispose();
        _dir.Dispose();
    }

    private static string Lines(int count) => string.Concat(Enumerable.Range(1, count).Select(i =>
        $"2026-11-20T10:00:{i % 60:00}.000Z [ERROR] term=POS-0001 org=ACME printer: Printer KITCHEN is offline ref=T-{i}\n"));

    [Fact]
    public async Task ScanAsync_SevenLines_RecordsSevenLinesAnOkDurationAndItsSpan()
    {
        using var lines = new MetricCollector<long>(PosFleetInstruments.Meter, "posfleet.scan.lines");
        using var durations = new MetricCollector<double>(PosFleetInstruments.Meter, "posfleet.scan.duration");
        var log = _dir.File("till.log", Lines(7));

        var summary = await TestLogs.Scanner().ScanAsync([log]);

        Assert.Equal(7, summary.Lines);
        Assert.Equal("{line}", lines.Instrument!.Unit);
        Assert.Equal(7, Assert.Single(lines.GetMeasurementSnapshot()).Value);
        Assert.Equal("s", durations.Instrument!.Unit);
        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("ok", duration.Tags["posfleet.outcome"]);
        Assert.False(duration.Tags.ContainsKey(PosFleetInstruments.ErrorType));
        var span = Assert.Single(_activities.Named("posfleet.scan"));
        Assert.Equal(ActivityKind.Internal, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(7L, span.GetTagItem("posfleet.scan.lines"));
    }

    [Fact]
    public async Task IngestAsync_FiveLines_RecordsFiveLinesTheMalformedOnesAndAnOkDuration()
    {
        using var lines = new MetricCollector<long>(PosFleetInstruments.Meter, "posfleet.ingest.lines");
        using var malformed = new MetricCollector<long>(PosFleetInstruments.Meter, "posfleet.ingest.malformed_lines");
        using var durations = new MetricCollector<double>(PosFleetInstruments.Meter, "posfleet.ingest.duration");
        var log = _dir.File("till.log", Lines(5));

        var summary = await TestLogs.Ingester(new InMemoryLogStore()).IngestAsync([log]);

        Assert.Equal(5, summary.NewEntries);
        Assert.Equal("{line}", lines.Instrument!.Unit);
        Assert.Equal(5, Assert.Single(lines.GetMeasurementSnapshot()).Value);
        Assert.Equal("{line}", malformed.Instrument!.Unit);
        Assert.Equal(summary.MalformedLines, Assert.Single(malformed.GetMeasurementSnapshot()).Value);
        Assert.Equal("s", durations.Instrument!.Unit);
        Assert.Equal("ok", Assert.Single(durations.GetMeasurementSnapshot()).Tags["posfleet.outcome"]);
        var span = Assert.Single(_activities.Named("posfleet.ingest"));
        Assert.Equal(ActivityKind.Internal, span.Kind);
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
        Assert.Equal(5L, span.GetTagItem("posfleet.ingest.entries"));
    }

    [Fact]
    public async Task IngestAsync_StoreFails_RecordsTheExceptionAsErrorTypeOnTheSpanAndTheDuration()
    {
        using var durations = new MetricCollector<double>(PosFleetInstruments.Meter, "posfleet.ingest.duration");
        var log = _dir.File("till.log", Lines(3));
        var ingester = TestLogs.Ingester(new FailingLogStore());

        await Assert.ThrowsAsync<IOException>(() => ingester.IngestAsync([log]));

        var duration = Assert.Single(durations.GetMeasurementSnapshot());
        Assert.Equal("error", duration.Tags["posfleet.outcome"]);
        Assert.Equal(typeof(IOException).FullName, duration.Tags[PosFleetInstruments.ErrorType]);
        var span = Assert.Single(_activities.Named("posfleet.ingest"));
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(typeof(IOException).FullName, span.GetTagItem(PosFleetInstruments.ErrorType));
    }

    [Fact]
    public async Task RunWindowAsync_SentThenPartiallySent_RecordsEachOutcomeAndMarksOnlyTheFailedRunAnError()
    {
        var window = DigestFixture.DailyWindow(2026, 11, 23);
        var fixture = new DigestFixture(window.End.AddSeconds(1));
        using var durations = new MetricCollector<double>(PosFleetInstruments.Meter, "posfleet.digest.run.duration");
        await fixture.SaveAsync(DigestFixture.Subscription("shop-12", threshold: 1));
        await fixture.SaveAsync(DigestFixture.Subscription("shop-13", threshold: 1));
        fixture.Logs.AddMany(3, window.Start.AddHours(1), TimeSpan.FromMinutes(7), LogKind.Offline, "till-01", "Printer KITCHEN is offline", hint: "Check the printer's cable.");
        var runner = fixture.Runner();

        var sent = await runner.RunWindowAsync("shop-12", window);
        fixture.Notifier.Answer = r => r == "ops@example.com" ? new NotificationDelivery(r, DeliveryStatus.PermanentFailure, "550 no such user") : null;
        var partial = await runner.RunWindowAsync("shop-13", window);

        Assert.Equal(DigestRunOutcome.Sent, sent.Outcome);
        Assert.Equal(DigestRunOutcome.PartiallySent, partial.Outcome);
        Assert.Equal("s", durations.Instrument!.Unit);
        var measured = durations.GetMeasurementSnapshot();
        Assert.Equal(["sent", "partially_sent"], measured.Select(m => m.Tags["posfleet.digest.outcome"]));
        Assert.False(measured[0].Tags.ContainsKey(PosFleetInstruments.ErrorType));
        Assert.Equal("partially_sent", measured[1].Tags[PosFleetInstruments.ErrorType]);
        var spans = _activities.Named("posfleet.digest.run");
        Assert.Equal(["shop-12", "shop-13"], spans.Select(s => s.GetTagItem("posfleet.digest.subscription")));
        Assert.Equal([ActivityStatusCode.Unset, ActivityStatusCode.Error], spans.Select(s => s.Status));
        Assert.Equal("partially_sent", spans[1].GetTagItem(PosFleetInstruments.ErrorType));
    }

    /// <summary>A store whose disk has failed: every write throws.</summary>
    private sealed class FailingLogStore : ForwardingLogStore
    {
        public FailingLogStore()
            : base(new InMemoryLogStore())
        {
        }

        public override ValueTask<int> AppendAsync(LogBatch batch, CancellationToken cancellationToken) =>
            ValueTask.FromException<int>(new IOException("No space left on device."));
    }
}
