using System.Runtime.CompilerServices;

namespace PosFleet.Logs.Formats;

/// <summary>
/// What detection learned of a file in an unknown layout: the word whose timestamp dates a line, and in which shape;
/// the last word of the header that is a timestamp too (the message starts after it); the word holding the level; how
/// many <c>|</c>-separated fields follow the header.
/// </summary>
internal sealed record GenericLayout(TimestampShape TimeShape, int TimeWord, TimestampShape HeaderShape, int HeaderWord, int LevelWord, int PipeFields);

/// <content>Learning a file's layout from its first lines.</content>
internal sealed partial class GenericFormat
{
    private const int MaxPipeFields = 3;

    /// <summary>The format specialised to the layout that reads the most lines of <paramref name="sample"/>.</summary>
    public GenericFormat Learn(ReadOnlySpan<byte> sample, int defaultYear, long latestTicks = 0)
    {
        var shapes = GenericTimestamps.Shapes;
        var hits = new int[MaxWords, shapes.Length];
        var levels = new int[MaxWords];
        var starts = default(WordStarts);
        Span<int> words = starts;
        var lines = 0;
        var rest = sample;
        while (!rest.IsEmpty && lines < LogFormatDetector.SampleLines)
        {
            var line = NextLine(ref rest);
            if (line.IsEmpty || ContinuationLine.Is(line, ContinuationRule.JavaLogging))
            {
                continue;
            }

            lines++;
            var count = Words(line, words);
            var covered = 0;
            for (var w = 0; w < count; w++)
            {
                if (!LevelAt(line, words[w], out _).IsEmpty)
                {
                    levels[w]++;
                }

                if (words[w] < covered)
                {
                    continue; // inside a timestamp read from an earlier word ("2017-05-16 00:00:00")
                }

                for (var s = 0; s < shapes.Length; s++)
                {
                    var fields = new LineFields { DefaultYear = defaultYear, LatestTicks = latestTicks };
                    var end = GenericTimestamps.TryRead(shapes[s], line, Start(line, words[w]), ref fields);
                    if (end >= 0)
                    {
                        hits[w, s]++;
                        covered = end;
                        break;
                    }
                }
            }
        }

        // The timestamp: the word and shape that read the most lines; then the fuller shape; then the earlier word.
        var (bestWord, bestShape, best) = (-1, 0, 0);
        for (var w = 0; w < MaxWords; w++)
        {
            for (var s = 0; s < shapes.Length; s++)
            {
                var score = (hits[w, s] * 4) + GenericTimestamps.Quality(shapes[s]);
                if (hits[w, s] > 0 && score > best)
                {
                    (bestWord, bestShape, best) = (w, s, score);
                }
            }
        }

        if (bestWord < 0)
        {
            return new GenericFormat(new GenericLayout(TimestampShape.None, -1, TimestampShape.None, -1, BestLevel(levels, lines, -1), 0));
        }

        // The header runs to the last word that is a timestamp on (nearly) as many lines: "- 1131566461 2005.11.09 dn228
        // Nov 9 12:01:01 dn228/dn228 crond[2915]: message" is dated by its epoch, and its message follows syslog's.
        var timed = hits[bestWord, bestShape];
        var (headerWord, headerShape) = (bestWord, bestShape);
        for (var w = bestWord + 1; w < MaxWords; w++)
        {
            for (var s = 0; s < shapes.Length; s++)
            {
                if (hits[w, s] * 10 >= timed * 9)
                {
                    (headerWord, headerShape) = (w, s);
                }
            }
        }

        var level = BestLevel(levels, timed, headerWord);
        var layout = new GenericLayout(shapes[bestShape], bestWord, shapes[headerShape], headerWord, level, 0);
        return new GenericFormat(layout with { PipeFields = CountPipeFields(sample, layout, defaultYear, latestTicks) });
    }

    /// <summary>The word that holds a level word on at least a third of the lines, or -1.</summary>
    private static int BestLevel(int[] levels, int lines, int notWord)
    {
        var best = -1;
        for (var w = 0; w < levels.Length; w++)
        {
            if (w != notWord && levels[w] * 3 >= Math.Max(1, lines) && (best < 0 || levels[w] > levels[best]))
            {
                best = w;
            }
        }

        return best;
    }

    /// <summary>How many blank-free <c>|</c>-fields follow the header on every timed line (<c>ts|component|pid|message</c>).</summary>
    private static int CountPipeFields(ReadOnlySpan<byte> sample, GenericLayout layout, int defaultYear, long latestTicks)
    {
        var fewest = MaxPipeFields;
        var starts = default(WordStarts);
        Span<int> words = starts;
        var lines = 0;
        while (!sample.IsEmpty && lines < LogFormatDetector.SampleLines)
        {
            var line = NextLine(ref sample);
            var count = Words(line, words);
            if (layout.HeaderWord >= count)
            {
                continue;
            }

            var fields = new LineFields { DefaultYear = defaultYear, LatestTicks = latestTicks };
            var end = GenericTimestamps.TryRead(layout.HeaderShape, line, Start(line, words[layout.HeaderWord]), ref fields);
            if (end < 0)
            {
                continue;
            }

            lines++;
            var rest = line[end..];
            var n = 0;
            while (n < MaxPipeFields && !rest.IsEmpty && rest[0] == '|')
            {
                var next = rest[1..].IndexOf((byte)'|');
                if (next < 0 || rest[1..(next + 1)].IndexOfAny((byte)' ', (byte)'\t') >= 0)
                {
                    break;
                }

                n++;
                rest = rest[(next + 1)..];
            }

            fewest = Math.Min(fewest, n);
        }

        return lines == 0 ? 0 : fewest;
    }

    private static ReadOnlySpan<byte> NextLine(ref ReadOnlySpan<byte> rest)
    {
        var nl = rest.IndexOf((byte)'\n');
        var line = nl < 0 ? rest : rest[..nl];
        rest = nl < 0 ? default : rest[(nl + 1)..];
        return !line.IsEmpty && line[^1] == '\r' ? line[..^1] : line;
    }

    /// <summary>
    /// Where a line's first words start. A buffer on the stack without <c>stackalloc</c>: the JIT compiles a method with a
    /// loop and a <c>stackalloc</c> fully optimized on its first call, several times the work of a first compilation, and
    /// format detection (<see cref="Learn"/>) calls such methods on every scan.
    /// </summary>
    [InlineArray(MaxWords)]
    private struct WordStarts
    {
        private int _first;
    }
}
