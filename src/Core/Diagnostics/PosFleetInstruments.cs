using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace PosFleet.Diagnostics;

/// <summary>
/// PosFleet's meter, activity source and instruments (see <see cref="PosFleetTelemetry"/>). Static, as Npgsql's and
/// Polly's are: the scan runs in tools without a container, and a listener that nobody attached costs a flag test.
/// </summary>
internal static class PosFleetInstruments
{
    private static readonly string? Version = typeof(PosFleetInstruments).Assembly.GetName().Version?.ToString();

    // OpenTelemetry's recommended boundaries for durations in seconds, widened for runs of minutes.
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 30, 60, 300];

    public static readonly Meter Meter = new(PosFleetTelemetry.MeterName, Version);

    public static readonly ActivitySource Source = new(PosFleetTelemetry.ActivitySourceName, Version);

    public static readonly Histogram<double> ScanDuration = Seconds("posfleet.scan.duration", "The duration of a scan of log files.");

    public static readonly Counter<long> ScanLines = Meter.CreateCounter<long>("posfleet.scan.lines", "{line}", "The lines a scan read.");

    public static readonly Histogram<double> IngestDuration = Seconds("posfleet.ingest.duration", "The duration of an ingest of log files into the store.");

    public static readonly Counter<long> IngestLines = Meter.CreateCounter<long>("posfleet.ingest.lines", "{line}", "The lines an ingest read.");

    public static readonly Counter<long> IngestMalformedLines = Meter.CreateCounter<long>("posfleet.ingest.malformed_lines", "{line}", "The lines an ingest could not read as an entry.");

    public static readonly Histogram<double> DigestRunDuration = Seconds("posfleet.digest.run.duration", "The duration of a digest run, from claiming its window to its outcome.");

    public static readonly Histogram<double> ExchangeDuration = Seconds("posfleet.sync.exchange.duration", "The duration of an exchange the back office handled.");

    public static readonly Counter<long> ExchangeMessages = Meter.CreateCounter<long>("posfleet.sync.messages", "{message}", "The outbox messages the back office received.");

    public static readonly Histogram<double> AgentDuration = Seconds("posfleet.sync.agent.duration", "The duration of a terminal's sync with the back office.");

    public static readonly Counter<long> ActionResults = Meter.CreateCounter<long>("posfleet.action.results", "{action}", "The remote actions a terminal reported in a final state.");

    public static readonly Histogram<double> ActionRunDuration = Seconds("posfleet.action.run.duration", "The duration of a remote action on the terminal, from its first attempt to its outcome.");

    public static readonly Counter<long> ActionReportsRefused = Meter.CreateCounter<long>("posfleet.action.reports_refused", "{report}", "The remote action reports the back office refused (unknown action, impossible state) and acknowledged with the reason.");

    public static readonly Histogram<double> NotificationDuration = Seconds("posfleet.notification.duration", "The duration of the delivery of a notification through its channel.");

    /// <summary>OpenTelemetry's attribute for the class of error a failed operation ended with.</summary>
    public const string ErrorType = "error.type";

    /// <summary>
    /// Marks a span failed as OpenTelemetry's conventions ask: status Error and <c>error.type</c>, a low-cardinality
    /// class (an outcome such as <c>unreachable</c>, or an exception's full type name), never a message that may carry data.
    /// </summary>
    public static void Fail(Activity? activity, string errorType, string? description = null)
    {
        if (activity is null)
        {
            return;
        }

        activity.SetStatus(ActivityStatusCode.Error, description ?? errorType);
        activity.SetTag(ErrorType, errorType);
    }

    /// <summary>The <c>error.type</c> of an exception: its full type name.</summary>
    public static string ErrorTypeOf(Exception exception) => exception.GetType().FullName ?? exception.GetType().Name;

    /// <summary>The tags of a measurement: <paramref name="key"/>, and <c>error.type</c> when the operation failed.</summary>
    public static TagList Tags(string? errorType, string key, object? value) => Tags(errorType, [new(key, value)]);

    /// <summary>The tags of a measurement: the two given, and <c>error.type</c> when the operation failed.</summary>
    public static TagList Tags(string? errorType, string key1, object? value1, string key2, object? value2) => Tags(errorType, [new(key1, value1), new(key2, value2)]);

    private static TagList Tags(string? errorType, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var list = new TagList(tags);
        if (errorType is not null)
        {
            list.Add(ErrorType, errorType);
        }

        return list;
    }

    /// <summary>The seconds since <paramref name="started"/>, a <see cref="Stopwatch.GetTimestamp"/> value.</summary>
    public static double SecondsSince(long started) => Stopwatch.GetElapsedTime(started).TotalSeconds;

    private static Histogram<double> Seconds(string name, string description) =>
        Meter.CreateHistogram(name, "s", description, tags: null, advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = Buckets });

}
