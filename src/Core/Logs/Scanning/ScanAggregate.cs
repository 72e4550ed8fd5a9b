namespace PosFleet.Logs.Scanning;

/// <summary>A line's place in a scan, comparable before line numbers are known: input, block of the input, line of the block.</summary>
internal readonly record struct BlockPosition(int Source, int Block, long Line) : IComparable<BlockPosition>
{
    public int CompareTo(BlockPosition other)
    {
        var c = Source.CompareTo(other.Source);
        if (c != 0)
        {
            return c;
        }

        c = Block.CompareTo(other.Block);
        return c != 0 ? c : Line.CompareTo(other.Line);
    }
}

internal sealed class TemplateAggregate
{
    public required string Template;
    public LogKind Kind;
    public LogSeverity Severity;
    public int RuleIndex;
    public long Count;
    public long FirstTicks;
    public short FirstOffset;
    public long LastTicks;
    public short LastOffset;
    public required string Example;
    public BlockPosition ExamplePosition;
    public readonly HashSet<string> Terminals = new(StringComparer.Ordinal);

    public void Merge(TemplateAggregate other)
    {
        Count += other.Count;
        Severity = (LogSeverity)Math.Max((int)Severity, (int)other.Severity);
        if (other.FirstTicks < FirstTicks)
        {
            (FirstTicks, FirstOffset) = (other.FirstTicks, other.FirstOffset);
        }

        if (other.LastTicks > LastTicks)
        {
            (LastTicks, LastOffset) = (other.LastTicks, other.LastOffset);
        }

        if (other.ExamplePosition.CompareTo(ExamplePosition) < 0)
        {
            (Example, ExamplePosition, Kind, RuleIndex) = (other.Example, other.ExamplePosition, other.Kind, other.RuleIndex);
        }

        Terminals.UnionWith(other.Terminals);
    }
}

internal sealed class TerminalAggregate
{
    public required string Terminal;
    public string? Organization;
    public BlockPosition OrganizationPosition;
    public long Count;
    public readonly long[] Kinds = new long[5];
    public long LastTicks;
    public short LastOffset;

    public void Merge(TerminalAggregate other)
    {
        Count += other.Count;
        for (var i = 0; i < Kinds.Length; i++)
        {
            Kinds[i] += other.Kinds[i];
        }

        if (other.LastTicks > LastTicks)
        {
            (LastTicks, LastOffset) = (other.LastTicks, other.LastOffset);
        }

        if (other.Organization is not null && other.OrganizationPosition.CompareTo(OrganizationPosition) > 0)
        {
            (Organization, OrganizationPosition) = (other.Organization, other.OrganizationPosition);
        }
    }
}

/// <summary>
/// What one block of lines adds to a scan. Blocks are scanned in parallel and merged in order, so the merged result
/// is the same as a single-core scan's.
/// </summary>
internal sealed class ScanAggregate
{
    public long Lines;
    public long LinesInScope;
    public long Selected;
    public long Malformed;
    public readonly long[] Kinds = new long[5];
    public readonly long[] Severities = new long[3];
    public readonly Dictionary<string, long> Levels = new(StringComparer.Ordinal);
    public readonly Dictionary<ulong, TemplateAggregate> Templates = [];
    public readonly Dictionary<string, TerminalAggregate> Terminals = new(StringComparer.Ordinal);
    public readonly List<(BlockPosition Position, MalformedReason Reason)> FirstMalformed = [];

    public void Merge(ScanAggregate other, int malformedReported)
    {
        Lines += other.Lines;
        LinesInScope += other.LinesInScope;
        Selected += other.Selected;
        Malformed += other.Malformed;
        for (var i = 0; i < Kinds.Length; i++)
        {
            Kinds[i] += other.Kinds[i];
        }

        for (var i = 0; i < Severities.Length; i++)
        {
            Severities[i] += other.Severities[i];
        }

        foreach (var (level, count) in other.Levels)
        {
            Levels[level] = Levels.GetValueOrDefault(level) + count;
        }

        foreach (var (id, template) in other.Templates)
        {
            if (Templates.TryGetValue(id, out var mine))
            {
                mine.Merge(template);
            }
            else
            {
                Templates.Add(id, template);
            }
        }

        foreach (var (name, terminal) in other.Terminals)
        {
            if (Terminals.TryGetValue(name, out var mine))
            {
                mine.Merge(terminal);
            }
            else
            {
                Terminals.Add(name, terminal);
            }
        }

        foreach (var m in other.FirstMalformed)
        {
            if (FirstMalformed.Count < malformedReported)
            {
                FirstMalformed.Add(m);
            }
        }
    }
}
