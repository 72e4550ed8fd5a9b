namespace PosFleet.Logs.Formats;

/// <summary>Picks the format of a file from its first lines: the candidate that reads the most timestamps and levels wins.</summary>
internal static class LogFormatDetector
{
    public const int SampleLines = 64;

    public static LogFormat Detect(ReadOnlySpan<byte> sample, IReadOnlyList<LogFormat> candidates, int defaultYear, long latestTicks = 0)
    {
        // wevtutil's text spreads an event over many lines, none of which reads alone: told by how the file starts.
        if (WindowsEventTextFormat.StartsWithEvent(sample) && candidates.FirstOrDefault(c => c is WindowsEventTextFormat) is { } events)
        {
            return events;
        }

        // The generic reader competes with the layout it learns from this very sample.
        if (candidates.Any(c => c is GenericFormat { Layout: null }))
        {
            var learned = new LogFormat[candidates.Count];
            for (var i = 0; i < learned.Length; i++)
            {
                // A file without timestamps is plain text: the generic reader has nothing over the plain one there.
                learned[i] = candidates[i] is GenericFormat { Layout: null } g
                    && g.Learn(sample, defaultYear, latestTicks) is { Layout.TimeShape: not TimestampShape.None } layout
                    ? layout
                    : candidates[i];
            }

            candidates = learned;
        }

        // An array, not stackalloc: with a loop, a method that has one is compiled fully optimized on its first call.
        var scores = new int[candidates.Count];
        var scratch = new byte[4096];
        var lines = 0;
        while (!sample.IsEmpty && lines < SampleLines)
        {
            var nl = sample.IndexOf((byte)'\n');
            var line = nl < 0 ? sample : sample[..nl];
            sample = nl < 0 ? default : sample[(nl + 1)..];
            if (!line.IsEmpty && line[^1] == '\r')
            {
                line = line[..^1];
            }

            // Stack frames and other continuation lines say nothing of the layout: a format is judged by its entries.
            if (line.IsEmpty || line.Length > scratch.Length || ContinuationLine.Is(line, ContinuationRule.JavaLogging))
            {
                continue;
            }

            lines++;
            for (var i = 0; i < candidates.Count; i++)
            {
                var fields = new LineFields { DefaultYear = defaultYear, LatestTicks = latestTicks };
                if (candidates[i] is not GenericFormat { Layout: null } && candidates[i].TryParse(line, scratch, ref fields))
                {
                    // A line read with its timestamp and level counts most; a line merely accepted counts little; a
                    // level that is a known level word counts more than any token in the level's place ("[1]").
                    scores[i] += (fields.Timestamp == TimestampStatus.Parsed ? 2 : 0) + (fields.Level.IsEmpty ? 0 : 1)
                        + (LevelWords.IsLevelWord(fields.Level) ? 1 : 0);
                }
            }
        }

        var best = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (scores[i] > scores[best])
            {
                best = i;
            }
        }

        // No candidate read anything: the last one (Plain, in the built-in catalog) is the fallback, not the first.
        return scores[best] > 0 ? candidates[best] : candidates[^1];
    }
}
