using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Scanning;

/// <content>Text in memory read as a mapped file's blocks are, for the warm-up (<see cref="ScanWarmUp"/>).</content>
internal sealed partial class ScanRun
{
    /// <summary>
    /// Reads <paramref name="sample"/> as two workers read a mapped file (<see cref="ScanMapped"/>): cut at a line in the
    /// middle, each half by a scanner of its own, the two parts merged and added to the total as theirs are. The input is
    /// source 0, named <paramref name="name"/>.
    /// </summary>
    internal void ScanSample(string name, ReadOnlySpan<byte> sample, long modifiedTicks)
    {
        _sourceNames[0] = name;
        var format = plan.Options.Format ?? LogFormatDetector.Detect(sample[..Math.Min(sample.Length, DetectionSample)], plan.Formats, YearOf(modifiedTicks), modifiedTicks);
        var cut = sample[..(sample.Length / 2)].LastIndexOf((byte)'\n') + 1;
        var first = new BlockScanner(plan);
        var second = new BlockScanner(plan);
        long[] lines =
        [
            first.Scan(sample[..cut], format, 0, 0, endOfInput: false, name, 1, modifiedTicks),
            second.Scan(sample[cut..], format, 0, 1, endOfInput: true, name, 0, modifiedTicks),
        ];
        Report(sample.Length);
        var merged = first.Complete(countNumbered: false);
        merged.Merge(second.Complete(countNumbered: false), plan.Options.MalformedLinesReported);
        AddToTotal(merged);
        RecordBlocks(0, lines);
        _scanned.Add(new ScannedSource(name, format.Name, lines[0] + lines[1], sample.Length));
    }
}
