using System.Globalization;
using System.Text;

namespace PosFleet.Logs.Scanning;

/// <content>The sample the warm-up reads, and how it reads it.</content>
internal static partial class ScanWarmUp
{
    /// <summary>The name the sample is read under.</summary>
    internal const string SampleName = "warm-up sample";

    /// <summary>
    /// Reads a sample of POS entries of every kind, from more terminals than a summary picks without sorting, with a stack
    /// trace, as a scan reads a file: cut in blocks read by two scanners and merged (<see cref="ScanRun.ScanSample"/>),
    /// summed up, the summary handed to <paramref name="render"/>. What a scan calls first besides its hot methods (the
    /// workers' counters, the merge, the summary's templates, terminals and sorting, and the generic code they
    /// instantiate) is compiled then, on a core that would otherwise wait, rather than after the last block on one core
    /// while the other waits. Nothing is shared with the real scan: its own options, classifier and counters, no
    /// telemetry, no output but what <paramref name="render"/> writes.
    /// </summary>
    internal static LogScanSummary ReadSample(Action<LogScanSummary>? render) => ReadSample(render, out _);

    /// <inheritdoc cref="ReadSample(Action{LogScanSummary})"/>
    /// <param name="render">What is done with the summary.</param>
    /// <param name="blocks">How many blocks the sample was cut into (two scanners read them in turn).</param>
    internal static LogScanSummary ReadSample(Action<LogScanSummary>? render, out int blocks)
    {
        var parsing = new LogParsing(new LogScanOptions(), TimeProvider.System);
        var plan = new ScanPlan(parsing.Options, parsing.Classifier, new LogScanFilter(), parsing.DefaultYear, onEntry: null, emitAll: true, parsing.Formats);
        var run = new ScanRun(plan, progress: null);
        var sample = Sample();
        blocks = run.ScanSample(SampleName, sample, modifiedTicks: 0);
        var summary = run.ToSummary([new ScanInput(SampleName, sample.Length)]);
        render?.Invoke(summary);
        return summary;
    }

    /// <summary>
    /// 96 lines of the POS layout: every kind, a keyword rule's lines, 47 terminals of three organizations (their selected
    /// lines from more than the 32 a summary's <see cref="SpaceSaving{T}.Top"/> picks by insertion), a stack trace.
    /// </summary>
    internal static byte[] Sample()
    {
        string[] messages =
        [
            "INFO] {0} tickets: ticket closed ref=T-10{1:000} total=12.50 EUR items=3",
            "ERROR] {0} tickets: could not save ticket ref=T-20{1:000}: database is locked",
            "INFO] {0} sync: sync completed, {1} changes uploaded in 51 ms",
            "FAIL] {0} payment: card declined ref=T-30{1:000}",
            "WARN] {0} drawer: cash drawer left open for {1} s",
            "OFFLINE] {0} printer: printer offline",
            "RETRY] {0} sync: upload timed out after {1} s, retrying",
            "ERROR] {0} routing: NullReferenceException in order routing at step {1}\n   at PosFleet.Orders.Route(Order order)",
        ];
        var text = new StringBuilder();
        for (var i = 0; i < 96; i++)
        {
            var terminal = i % 47;
            text.Append(CultureInfo.InvariantCulture, $"2026-01-01T00:{i / 60:00}:{i % 60:00}.{i:000}Z [")
                .AppendFormat(CultureInfo.InvariantCulture, messages[i % messages.Length], string.Create(CultureInfo.InvariantCulture, $"term=POS-{terminal:0000} org=org-{terminal % 3:000}"), i)
                .Append('\n');
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
