using System.Text;
using System.Text.Unicode;
using PosFleet.Logs;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;

namespace PosFleet.Fuzz;

/// <summary>
/// The scan engine's block scanner fed arbitrary bytes: it counts every line, flags every line with a NUL, invalid
/// UTF-8 or past the maximum length, and gives the same counts, templates, terminals, malformed lines and entries
/// whether the input comes as one block, as several blocks to one scanner, or as one block per scanner merged as the
/// parallel scan merges them.
/// </summary>
internal static class ScanTarget
{
    private const int MaxLineLength = 256;

    private static readonly LogClassifier Classifier = new(ClassificationRuleSet.Resolve(new LogClassificationOptions()));

    public static void Check(byte[] input, LogFormat format)
    {
        var options = new LogScanOptions { MaxLineLength = MaxLineLength, MalformedLinesReported = int.MaxValue };
        var lines = LineTarget.Lines(input).ToList();
        var expected = $"format {format.Name}: ";

        var one = Scan(input, [(0, input.Length)], format, options, merged: false, out var entries);
        var whole = one.Total;
        var blocks = Blocks(input, ContinuationLine.RuleOf(format));
        var split = Scan(input, blocks, format, options, merged: false, out var splitEntries);
        var merged = Scan(input, blocks, format, options, merged: true, out _);

        Invariant.Require(whole.Lines == lines.Count, $"{expected}{whole.Lines} lines counted, the input has {lines.Count}");
        Invariant.Require(whole.Kinds.Sum() == whole.LinesInScope && whole.Severities.Sum() == whole.LinesInScope && whole.Levels.Values.Sum() == whole.LinesInScope,
            $"{expected}the kinds, severities and levels do not each add up to the {whole.LinesInScope} lines in scope");
        Invariant.Require(whole.Templates.Values.Sum(t => t.Count) == whole.Selected && whole.Terminals.Items.Sum(t => t.Count) == whole.Selected,
            $"{expected}the templates and terminals do not each add up to the {whole.Selected} selected lines");
        Invariant.Require(entries.Count == whole.LinesInScope, $"{expected}{entries.Count} entries for {whole.LinesInScope} lines in scope");
        Invariant.Require(entries.Zip(entries.Skip(1)).All(p => p.First.Position.Line < p.Second.Position.Line)
            && entries.All(e => e.Position.Line >= 1 && e.Position.Line <= lines.Count), $"{expected}entries out of order or past the last line");

        // Every line a reader must refuse or flag is counted as malformed, with its number.
        var flagged = whole.FirstMalformed.Select(m => m.Position.Line).ToHashSet();
        Invariant.Require(flagged.Count == whole.Malformed, $"{expected}{whole.Malformed} malformed lines counted, {flagged.Count} reported");
        // A line past the maximum length is skipped and counted apart (over-long), never as malformed.
        var overLong = whole.FirstOverLong.Select(p => p.Line).ToHashSet();
        Invariant.Require(overLong.Count == whole.OverLong, $"{expected}{whole.OverLong} over-long lines counted, {overLong.Count} reported");
        Invariant.Require(!overLong.Overlaps(flagged), $"{expected}a line is counted both over-long and malformed");
        for (var n = 0; n < lines.Count; n++)
        {
            var raw = input.AsSpan(lines[n]);
            var text = !raw.IsEmpty && raw[^1] == '\r' ? raw[..^1] : raw;
            var tooLong = text.Length > MaxLineLength;
            var bad = !text.IsEmpty && !tooLong && (raw.Contains((byte)0) || !Utf8.IsValid(text));
            Invariant.Require(!tooLong || overLong.Contains(n + 1), $"{expected}line {n + 1} is longer than the maximum and is not counted as over-long");
            Invariant.Require(!bad || flagged.Contains(n + 1), $"{expected}line {n + 1} holds a NUL or invalid UTF-8 and is not counted as malformed");
        }

        var description = Describe(one);
        Invariant.Require(description == Describe(split), $"{expected}cut into {blocks.Count} blocks, one scanner reads differently than one block:\n{Diff(description, Describe(split))}");
        Invariant.Require(description == Describe(merged), $"{expected}cut into {blocks.Count} blocks merged as the parallel scan does, the result differs:\n{Diff(description, Describe(merged))}");
        Invariant.Require(Describe(entries) == Describe(splitEntries), $"{expected}cut into {blocks.Count} blocks, the entries differ");
    }

    /// <summary>
    /// Cuts after a newline near every third of the input, and after every line of the first few; never before a
    /// continuation line (in a layout that has them), as the scan's own cuts never split an entry.
    /// </summary>
    private static List<(int Start, int Count)> Blocks(byte[] input, ContinuationRule rule)
    {
        var cuts = new SortedSet<int> { input.Length };
        foreach (var target in new[] { 1, input.Length / 3, 2 * input.Length / 3 })
        {
            var nl = Array.IndexOf(input, (byte)'\n', Math.Min(target, input.Length));
            if (nl >= 0)
            {
                cuts.Add(nl + 1);
            }
        }

        var at = 0;
        for (var i = 0; i < 8 && (at = Array.IndexOf(input, (byte)'\n', at)) >= 0; i++)
        {
            cuts.Add(++at);
        }

        if (rule != ContinuationRule.None)
        {
            cuts = new SortedSet<int>(cuts.Select(c => PastContinuation(input, c, rule)));
        }

        var blocks = new List<(int, int)>();
        var start = 0;
        foreach (var cut in cuts.Where(c => c > 0))
        {
            blocks.Add((start, cut - start));
            start = cut;
        }

        return blocks;
    }

    private static int PastContinuation(byte[] input, int cut, ContinuationRule rule)
    {
        while (cut < input.Length && ContinuationLine.Continues(input.AsSpan(cut), rule))
        {
            var nl = Array.IndexOf(input, (byte)'\n', cut);
            cut = nl < 0 ? input.Length : nl + 1;
        }

        return cut;
    }

    /// <summary>Scans the blocks in order, as a single worker does, or each with its own scanner, merged as the workers are.</summary>
    private static Aggregate Scan(byte[] input, List<(int Start, int Count)> blocks, LogFormat format, LogScanOptions options, bool merged, out List<LogEntry> entries)
    {
        var collected = new List<LogEntry>();
        entries = collected;
        var plan = new ScanPlan(options, Classifier, new LogScanFilter(), 2026, merged ? null : collected.Add, emitAll: true);
        var firstLines = new long[blocks.Count];
        var total = new ScanAggregate(options.MaxTerminals);
        var single = merged ? null : new BlockScanner(plan);
        long next = 1;
        for (var b = 0; b < blocks.Count; b++)
        {
            firstLines[b] = next;
            var scanner = single ?? new BlockScanner(plan);
            var (start, count) = blocks[b];
            next += scanner.Scan(input.AsSpan(start, count), format, 0, b, b == blocks.Count - 1, "fuzz", merged ? 0 : next);
            if (merged)
            {
                total.Merge(scanner.Complete(), options.MalformedLinesReported);
            }
        }

        if (single is not null)
        {
            total = single.Complete();
        }

        return new Aggregate(total, firstLines);
    }

    private static string Describe(Aggregate a)
    {
        var t = a.Total;
        var text = new StringBuilder();
        text.Append($"lines {t.Lines} in scope {t.LinesInScope} selected {t.Selected} malformed {t.Malformed} over-long {t.OverLong}\n");
        text.Append($"kinds {string.Join(',', t.Kinds)} severities {string.Join(',', t.Severities)}\n");
        foreach (var (level, count) in t.Levels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append($"level {level} {count}\n");
        }

        foreach (var (id, g) in t.Templates.OrderBy(p => p.Key))
        {
            text.Append($"template {id:x16} '{g.Template}' {g.Count} {g.Kind} {g.Severity} rule {g.RuleIndex} first {g.FirstTicks}{g.FirstOffset:+0;-0} @{a.Line(g.FirstPosition)} "
                + $"last {g.LastTicks}{g.LastOffset:+0;-0} @{a.Line(g.LastPosition)} example @{a.Line(g.ExamplePosition)} '{g.Example.Message}' "
                + $"terminals {string.Join(',', g.Terminals.Items.Select(x => x.Name).Order(StringComparer.Ordinal))}\n");
        }

        foreach (var g in t.Terminals.Items.OrderBy(x => x.Terminal, StringComparer.Ordinal))
        {
            text.Append($"terminal '{g.Terminal}' {g.Count} {string.Join(',', g.Kinds)} last {g.LastTicks}{g.LastOffset:+0;-0} @{a.Line(g.LastPosition)} organization '{g.Organization}'\n");
        }

        foreach (var (position, reason) in t.FirstMalformed)
        {
            text.Append($"malformed @{a.Line(position)} {reason}\n");
        }

        return text.ToString();
    }

    private static string Describe(List<LogEntry> entries) =>
        string.Join('\n', entries.Select(e => $"{e.Position} {e.Timestamp:O} {e.Level} {e.Kind} {e.Severity} {e.Terminal} {e.Organization} {e.Component} {e.Reference} {e.TemplateId:x16} {e.Rule} {e.Message}"));

    private static string Diff(string expected, string actual)
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        var i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        return $"  one block: {(i < a.Length ? a[i] : "(end)")}\n  in blocks: {(i < b.Length ? b[i] : "(end)")}";
    }

    private sealed record Aggregate(ScanAggregate Total, long[] FirstLines)
    {
        public long Line(BlockPosition position) => FirstLines[position.Block] + position.Line - 1;
    }
}
