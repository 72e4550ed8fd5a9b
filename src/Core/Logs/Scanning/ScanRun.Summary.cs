namespace PosFleet.Logs.Scanning;

internal sealed partial class ScanRun
{
    public LogScanSummary ToSummary(IReadOnlyList<ScanInput> inputs)
    {
        var t = _total;
        var rules = plan.Classifier.Rules;
        var templates = t.Templates
            .OrderByDescending(p => p.Value.Count)
            .ThenBy(p => p.Value.ExamplePosition)
            .Select(p =>
            {
                var a = p.Value;
                var rule = a.RuleIndex >= 0 ? rules[a.RuleIndex] : null;
                return new LogTemplateGroup
                {
                    TemplateId = p.Key,
                    Template = a.Template,
                    Kind = a.Kind,
                    Severity = a.Severity,
                    Count = a.Count,
                    FirstSeen = a.FirstTicks <= a.LastTicks ? ToTime(a.FirstTicks, a.FirstOffset) : a.Example.Timestamp,
                    LastSeen = a.FirstTicks <= a.LastTicks ? ToTime(a.LastTicks, a.LastOffset) : a.Example.Timestamp,
                    Example = a.Example with { Position = ToPosition(a.ExamplePosition) },
                    Terminals = [.. a.Terminals.Top(plan.Options.TerminalsPerTemplate, ByName).Select(n => n.Name)],
                    TerminalCount = a.DistinctTerminals.Count,
                    TerminalCountIsEstimate = !a.DistinctTerminals.IsExact,
                    Rule = rule?.Name,
                    Origin = rule?.Origin,
                    Hint = rule?.Hint,
                    KnowledgeBaseUrl = rule?.KnowledgeBaseUrl,
                };
            })
            .ToList();

        var terminals = t.Terminals.Top(plan.Options.MaxTerminals, ByTerminal)
            .Select(a => new LogTerminalGroup
            {
                Terminal = a.Terminal,
                Organization = a.Organization,
                // The lines counted while it was kept: a lower bound, consistent with its kinds (exact unless evicted).
                Count = a.Count - a.Error,
                Kinds = Enum.GetValues<LogKind>().Where(k => a.Kinds[(int)k] > 0).ToDictionary(k => k, k => a.Kinds[(int)k]),
                LastSeen = a.LastTicks != long.MinValue ? ToTime(a.LastTicks, a.LastOffset) : ToTime(Math.Max(a.UntimedTicks, 0), 0),
            })
            .ToList();

        return new LogScanSummary
        {
            Lines = t.Lines,
            Bytes = _bytesRead,
            LinesInScope = t.LinesInScope,
            SelectedLines = t.Selected,
            Kinds = Enum.GetValues<LogKind>().ToDictionary(k => k, k => t.Kinds[(int)k]),
            Severities = Enum.GetValues<LogSeverity>().ToDictionary(s => s, s => t.Severities[(int)s]),
            Levels = ByCount(t.Levels),
            Templates = templates,
            Terminals = terminals,
            TerminalCount = t.DistinctTerminals.Count,
            TerminalCountIsEstimate = !t.DistinctTerminals.IsExact,
            TerminalCountsMaxError = Math.Max(t.Terminals.Floor, t.Terminals.Items.Select(a => a.Error).DefaultIfEmpty().Max()),
            MalformedLines = t.Malformed,
            FirstMalformed = [.. t.FirstMalformed.Select(m => new MalformedLine(ToPosition(m.Position), m.Reason))],
            OverLongLines = t.OverLong,
            UntimedLines = t.Untimed,
            ContinuationLines = t.Continuation,
            FirstOverLong = [.. t.FirstOverLong.Select(ToPosition)],
            Sources = _scanned,
            Errors = Errors,
            Skipped = Skipped,
            PatternTimeouts = plan.Classifier.NameTimeouts(plan.PatternTimeouts),
        };
    }

    /// <summary>
    /// The levels, most frequent first, then by name: sorted as an array of names rather than by a query over the pairs,
    /// whose generic code the JIT build would compile on every run.
    /// </summary>
    private static OrderedDictionary<string, long> ByCount(Dictionary<string, long> levels)
    {
        var names = new string[levels.Count];
        levels.Keys.CopyTo(names, 0);
        Array.Sort(names, (a, b) => levels[b].CompareTo(levels[a]) is var c and not 0 ? c : string.CompareOrdinal(a, b));
        // An ordered dictionary: its order is its contract, where a dictionary's enumeration order is unspecified.
        var ordered = new OrderedDictionary<string, long>(names.Length);
        foreach (var name in names)
        {
            ordered.Add(name, levels[name]);
        }

        return ordered;
    }

    private static readonly IComparer<TemplateTerminal> ByName =
        Comparer<TemplateTerminal>.Create((a, b) => string.CompareOrdinal(a.Name, b.Name));

    private static readonly IComparer<TerminalAggregate> ByTerminal =
        Comparer<TerminalAggregate>.Create((a, b) => string.CompareOrdinal(a.Terminal, b.Terminal));

    private LogPosition ToPosition(BlockPosition p) =>
        new(_sourceNames[p.Source], _blockFirstLines.TryGetValue(p.Source, out var first) ? first[p.Block] + p.Line - 1 : p.Line);

    private static DateTimeOffset ToTime(long ticks, short offset) =>
        new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(offset));
}
