using PosFleet.Logs.Formats;

namespace PosFleet.Logs.Scanning;

/// <content>Text in memory read as a mapped file's blocks are, for the warm-up (<see cref="ScanWarmUp"/>).</content>
internal sealed partial class ScanRun
{
    /// <summary>
    /// Reads <paramref name="sample"/> as two workers read a mapped file (<see cref="ScanMapped"/>): cut into blocks of half
    /// its size by <see cref="Split"/> (whole entries, stack traces with theirs), the blocks taken in turn by two scanners,
    /// their parts merged and added to the total as the workers' are. The input is source 0, named <paramref name="name"/>.
    /// </summary>
    /// <returns>How many blocks it was cut into.</returns>
    internal unsafe int ScanSample(string name, ReadOnlySpan<byte> sample, long modifiedTicks)
    {
        _sourceNames[0] = name;
        var format = plan.Options.Format ?? LogFormatDetector.Detect(sample[..Math.Min(sample.Length, DetectionSample)], plan.Formats, YearOf(modifiedTicks), modifiedTicks);
        List<(long Start, int Count)> blocks;
        fixed (byte* data = sample)
        {
            var half = Math.Max(1, sample.Length / 2);
            blocks = Split(data, sample.Length, half, half, cores: 2, ContinuationLine.RuleOf(format));
        }

        BlockScanner[] scanners = [new(plan), new(plan)];
        var lines = new long[blocks.Count];
        for (var b = 0; b < blocks.Count; b++)
        {
            var (start, count) = blocks[b];
            lines[b] = scanners[b % 2].Scan(sample.Slice((int)start, count), format, 0, b, b == blocks.Count - 1, name, 0, modifiedTicks);
            Report(count);
        }

        AddWorkersParts(scanners);
        RecordBlocks(0, lines);
        _scanned.Add(new ScannedSource(name, format.Name, lines.Sum(), sample.Length));
        return blocks.Count;
    }
}
