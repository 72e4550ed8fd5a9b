namespace PosFleet.Diagnostics;

/// <summary>
/// The names under which PosFleet publishes its metrics (<see cref="System.Diagnostics.Metrics.Meter"/>) and traces
/// (<see cref="System.Diagnostics.ActivitySource"/>), for a host to subscribe to them, as with Npgsql's or Polly's:
/// <c>.WithMetrics(m =&gt; m.AddMeter(PosFleetTelemetry.MeterName))</c> and
/// <c>.WithTracing(t =&gt; t.AddSource(PosFleetTelemetry.ActivitySourceName))</c> with OpenTelemetry.
/// </summary>
/// <remarks>
/// Instruments, named after OpenTelemetry's semantic conventions (durations in seconds, counts with a curly-braced unit):
/// <list type="bullet">
/// <item><c>posfleet.scan.duration</c> (s) and <c>posfleet.scan.lines</c> ({line}), tagged <c>posfleet.outcome</c>;</item>
/// <item><c>posfleet.ingest.duration</c> (s), <c>posfleet.ingest.lines</c> ({line}) and <c>posfleet.ingest.malformed_lines</c> ({line});</item>
/// <item><c>posfleet.digest.run.duration</c> (s), tagged <c>posfleet.digest.outcome</c>;</item>
/// <item><c>posfleet.sync.exchange.duration</c> (s), tagged <c>posfleet.sync.status</c>, and
/// <c>posfleet.sync.messages</c> ({message}), the outbox messages the back office received, tagged <c>posfleet.sync.message.outcome</c>;</item>
/// <item><c>posfleet.sync.agent.duration</c> (s), a terminal's syncs, tagged <c>posfleet.sync.status</c>;</item>
/// <item><c>posfleet.action.results</c> ({action}), tagged <c>posfleet.action.state</c>, and <c>posfleet.action.run.duration</c> (s)
/// on the terminal, tagged <c>posfleet.action.name</c> and <c>posfleet.action.state</c>;</item>
/// <item><c>posfleet.notification.duration</c> (s), tagged <c>posfleet.notification.channel</c> and <c>posfleet.outcome</c>.</item>
/// </list>
/// Activities: <c>posfleet.scan</c>, <c>posfleet.ingest</c>, <c>posfleet.digest.run</c>, <c>posfleet.sync.exchange</c> (server),
/// <c>posfleet.sync.agent</c> (client), <c>posfleet.action.queue</c> and <c>posfleet.action.deliver</c> (producer),
/// <c>posfleet.action.report</c> and <c>posfleet.action.run</c> (consumer; <c>posfleet.action.deliver</c> is a consumer on the
/// terminal too) and <c>posfleet.notification.send</c> (client).
/// A failed operation carries <c>error.type</c> on its span (status Error) and its duration. No tag carries a secret, a
/// message body or an address.
/// </remarks>
public static class PosFleetTelemetry
{
    /// <summary>The name of PosFleet's meter: <c>PosFleet</c>.</summary>
    public const string MeterName = "PosFleet";

    /// <summary>The name of PosFleet's activity source: <c>PosFleet</c>.</summary>
    public const string ActivitySourceName = "PosFleet";
}
