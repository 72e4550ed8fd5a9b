using System.Text;
using BenchmarkDotNet.Attributes;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Benchmarks;

/// <summary>
/// The classification layer with the built-in rules and with a vendor's 500 rules (2,000 keywords, 5,500 spellings) on top of them:
/// the keyword prefilter over the messages of lines that no rule selects, and the hot loop over 100,000 POS lines.
/// The prefilter's figure is per message; divide the scan's by 100,000 for one line. On a shared machine, read the minimum.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
[MedianColumn]
[ShortRunJob]
public class RuleSetBenchmarks
{
    private const int Messages = 1_000;
    private const int Lines = 100_000;

    private byte[] _log = [];
    private byte[][] _messages = [];
    private LogClassifier _classifier = null!;
    private ScanPlan _plan = null!;

    [Params(0, 500)]
    public int VendorRules { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _log = PosLog.Create(Lines);
        var options = new LogScanOptions();
        foreach (var rule in VendorRuleSet(VendorRules))
        {
            options.Classification.Rules.Add(rule);
        }

        _classifier = new LogClassifier(ClassificationRuleSet.Resolve(options.Classification));
        var filter = new LogScanFilter { From = PosLog.End.AddHours(-24) };
        _plan = new ScanPlan(options, _classifier, filter, PosLog.End.Year, onEntry: null, emitAll: false);
        var random = new Random(7);
        _messages = [.. Enumerable.Range(0, Messages).Select(_ => Encoding.UTF8.GetBytes(random.Next(2) == 0
            ? $"tickets: ticket closed ref=T-{random.Next(100_000, 999_999)} total={random.Next(100, 20000) / 100.0} EUR items={random.Next(1, 12)}"
            : $"sync: sync completed, {random.Next(500)} changes uploaded in {random.Next(20, 900)} ms"))];
        if (_messages.Any(m => _classifier.FindKeywords(m) != 0))
        {
            throw new InvalidOperationException("A benchmark message that should select no rule selects one.");
        }
    }

    /// <summary>The prefilter over 1,000 messages that no keyword occurs in: the cost of almost every line of a log.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public ulong FindKeywordsUnselected()
    {
        ulong hits = 0;
        foreach (var message in _messages)
        {
            hits |= _classifier.FindKeywords(message);
        }

        return hits;
    }

    /// <summary>The hot loop over 100,000 lines, window of the last 24 hours.</summary>
    [Benchmark]
    public long BlockScan()
    {
        var scanner = new BlockScanner(_plan);
        var lines = scanner.Scan(_log, LogFormats.Iso, 0, 0, endOfInput: true, "bench.log", 1);
        return lines + scanner.Complete().Selected;
    }

    /// <summary>Rules shaped like a vendor's: device error codes, module faults and phrases, three or four keywords each.</summary>
    internal static IEnumerable<ClassificationRule> VendorRuleSet(int count)
    {
        string[] devices = ["scanner", "scale", "drawer", "pinpad", "display", "fiscal", "kitchen", "label", "badge", "coin"];
        string[] faults = ["jammed", "overheated", "not calibrated", "firmware mismatch", "checksum invalid", "lid open", "battery low", "handshake lost"];
        for (var i = 0; i < count; i++)
        {
            var device = devices[i % devices.Length];
            var fault = faults[i / devices.Length % faults.Length];
            yield return new ClassificationRule
            {
                Name = $"vendor-{i:000}",
                Keywords = [$"{device} {fault} #{i:000}", $"E{4000 + i}", $"{device.ToUpperInvariant()}-{i:000} FAULT", $"vx{i:000}q"],
                Kind = (LogKind)(1 + (i % 4)),
                Hint = $"See the {device} manual, section {i}.",
            };
        }
    }
}
