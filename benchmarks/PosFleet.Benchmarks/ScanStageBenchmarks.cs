using System.Numerics;
using BenchmarkDotNet.Attributes;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Benchmarks;

/// <summary>
/// Where a line's time goes, stage by stage, on one core over 200 thousand POS lines in memory, every line in scope:
/// each benchmark up to <see cref="Classify"/> adds one stage to the one before, and reports the time per line
/// (OperationsPerInvoke), so that the difference between two rows is the cost of a stage. <see cref="NothingInScope"/> is
/// a line that is not selected (outside the window): newline, timestamp and window check only;
/// <see cref="NoneSelected"/> is compared with <see cref="EveryLineInScope"/>. <see cref="Marks128"/>,
/// <see cref="Marks256"/> and <see cref="Marks512"/> are not a stage added to another: the keyword marks alone, at each
/// width. No job of its own: run it in process (<c>--job short --inProcess</c>), which spares a build of its own on a
/// busy machine.
/// </summary>
public class ScanStageBenchmarks
{
    private const int Lines = 200_000;

    private byte[] _log = [];
    private LogClassifier _classifier = null!;
    private ScanPlan _everything = null!;
    private ScanPlan _nothing = null!;
    private ScanPlan _noneSelected = null!;
    private KeywordMarker? _marker128;
    private KeywordMarker? _marker256;
    private KeywordMarker? _marker512;

    [GlobalSetup]
    public void Setup()
    {
        _log = PosLog.Create(Lines);
        var options = new LogScanOptions();
        _classifier = new LogClassifier(ClassificationRuleSet.Resolve(options.Classification));
        _everything = new ScanPlan(options, _classifier, new LogScanFilter(), PosLog.End.Year, onEntry: null, emitAll: false);
        _nothing = new ScanPlan(options, _classifier, new LogScanFilter { From = PosLog.End.AddYears(1) }, PosLog.End.Year, onEntry: null, emitAll: false);
        _noneSelected = new ScanPlan(options, _classifier, new LogScanFilter { Kinds = new HashSet<LogKind>() }, PosLog.End.Year, onEntry: null, emitAll: false);
        _marker128 = KeywordMarker.Create(_classifier.KeywordVariants, width: 128);
        _marker256 = KeywordMarker.Create(_classifier.KeywordVariants, width: 256);
        _marker512 = KeywordMarker.Create(_classifier.KeywordVariants, width: 512);
    }

    /// <summary>Newlines only.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long Split()
    {
        var lines = new LineSplitter(_log);
        long sum = 0;
        while (lines.Next(out var start, out var end, out _))
        {
            sum += end - start;
        }

        return sum;
    }

    /// <summary>
    /// The keyword marks alone, in 128-bit steps (those of an x86-64-v2 build and of arm64): every 64-byte step of the
    /// log.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int Marks128() => Marks(_marker128);

    /// <summary>
    /// As <see cref="Marks128"/>, in 256-bit steps (those of the x86-64-v3 NativeAOT build) where the processor has
    /// them.
    /// </summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int Marks256() => Marks(_marker256);

    /// <summary>
    /// As <see cref="Marks128"/>, in 512-bit steps where the processor has them (the widest it has below that).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public int Marks512() => Marks(_marker512);

    /// <summary>Newlines, timestamp and level.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long Head()
    {
        var data = _log.AsSpan();
        var lines = new LineSplitter(data);
        var minute = default(IsoMinuteCache);
        var fields = default(LineFields);
        long sum = 0;
        while (lines.Next(out var start, out var end, out _))
        {
            if (IsoBracketFormat.TryParseHead(data[start..end], ref minute, ref fields, out var tail))
            {
                sum += fields.UtcTicks + tail;
            }
        }

        return sum;
    }

    /// <summary>… and the rest of the line: terminal, organization, component, message.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long Tail()
    {
        var data = _log.AsSpan();
        var lines = new LineSplitter(data);
        var minute = default(IsoMinuteCache);
        var fields = default(LineFields);
        long sum = 0;
        while (lines.Next(out var start, out var end, out _))
        {
            var text = data[start..end];
            if (IsoBracketFormat.TryParseHead(text, ref minute, ref fields, out var tail))
            {
                MessageTail.Parse(text[tail..], ref fields);
                sum += fields.Message.Length;
            }
        }

        return sum;
    }

    /// <summary>… and the keywords of the message.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public ulong Keywords()
    {
        var data = _log.AsSpan();
        var lines = new LineSplitter(data);
        var minute = default(IsoMinuteCache);
        var fields = default(LineFields);
        ulong sum = 0;
        while (lines.Next(out var start, out var end, out _))
        {
            var text = data[start..end];
            if (IsoBracketFormat.TryParseHead(text, ref minute, ref fields, out var tail))
            {
                MessageTail.Parse(text[tail..], ref fields);
                sum += _classifier.FindKeywords(fields.Message, data[(end - fields.Message.Length)..]);
            }
        }

        return sum;
    }

    /// <summary>… and the rules.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long Classify()
    {
        var data = _log.AsSpan();
        var lines = new LineSplitter(data);
        var minute = default(IsoMinuteCache);
        var fields = default(LineFields);
        long sum = 0;
        while (lines.Next(out var start, out var end, out _))
        {
            var text = data[start..end];
            if (IsoBracketFormat.TryParseHead(text, ref minute, ref fields, out var tail))
            {
                MessageTail.Parse(text[tail..], ref fields);
                var hits = _classifier.FindKeywords(fields.Message, data[(end - fields.Message.Length)..]);
                sum += (long)_classifier.Classify(LogKind.None, LogSeverity.Success, fields.Level, fields.Component, fields.Message, hits).Kind;
            }
        }

        return sum;
    }

    /// <summary>The whole scanner, every line in scope: the above, level counts, and for the selected lines (9 %) templates and terminals.</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long EveryLineInScope() => Scan(_everything);

    /// <summary>
    /// The whole scanner, every line in scope and no kind selected: against <see cref="EveryLineInScope"/>, what the
    /// selected lines' templates and terminals cost.
    /// </summary>
    /// <remarks>
    /// A line of a selected level whose message holds a keyword (most of them in this log) is still read whole and
    /// classified here: the difference leaves out mostly its templates and terminals, not its fields and shape.
    /// </remarks>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long NoneSelected() => Scan(_noneSelected);

    /// <summary>The whole scanner, no line in scope (a window after the log).</summary>
    [Benchmark(OperationsPerInvoke = Lines)]
    public long NothingInScope() => Scan(_nothing);

    private int Marks(KeywordMarker? marker)
    {
        // The number of marks, so that no step is left out; none without byte shuffles (no marker).
        var data = _log.AsSpan();
        var sum = 0;
        for (var at = 0; marker is not null && at < data.Length; at += 64)
        {
            sum += BitOperations.PopCount(marker.Mark64(data, at));
        }

        return sum;
    }

    private long Scan(ScanPlan plan)
    {
        var scanner = new BlockScanner(plan);
        var lines = scanner.Scan(_log, LogFormats.Iso, 0, 0, endOfInput: true, "bench.log", 1);
        return lines + scanner.Complete().Selected;
    }
}
