using BenchmarkDotNet.Attributes;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Benchmarks;

/// <summary>
/// The hot loop alone: one <see cref="BlockScanner"/> over a POS log already in memory, on one core, with the window of
/// the last 24 hours. Per line: newline, timestamp, level, window; in the window, the tail, keywords and rules.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class BlockScanBenchmarks
{
    private byte[] _log = [];
    private ScanPlan _plan = null!;

    [Params(10_000, 100_000, 1_000_000)]
    public int Lines { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = PosLog.Create(Lines);
        var options = new LogScanOptions();
        var classifier = new LogClassifier(ClassificationRuleSet.Resolve(options.Classification));
        var filter = new LogScanFilter { From = PosLog.End.AddHours(-24) };
        _plan = new ScanPlan(options, classifier, filter, PosLog.End.Year, onEntry: null, emitAll: false);
    }

    [Benchmark]
    public long BlockScan()
    {
        var scanner = new BlockScanner(_plan);
        var lines = scanner.Scan(_log, LogFormats.Iso, 0, 0, endOfInput: true, "bench.log", 1);
        return lines + scanner.Complete().Selected;
    }
}
