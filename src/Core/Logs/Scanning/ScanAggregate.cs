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
    public BlockPosition FirstPosition;
    public long LastTicks;
    public short LastOffset;
    public BlockPosition LastPosition;
    public required LogEntry Example;
    public BlockPosition ExamplePosition;
    public readonly HashSet<string> Terminals = new(StringComparer.Ordinal);

    /// <summary>While a worker scans: its terminals' ordinals, as bits (a hash set per line costs a cache miss).</summary>
    public ulong[] TerminalBits = [];

    public void AddTerminal(int ordinal)
    {
        var word = ordinal >> 6;
        if (word >= TerminalBits.Length)
        {
            Array.Resize(ref TerminalBits, Math.Max(word + 1, TerminalBits.Length * 2));
        }

        TerminalBits[word] |= 1UL << ordinal;
    }

    /// <summary>Turns <see cref="TerminalBits"/> into names, once a worker is done.</summary>
    public void ResolveTerminals(List<TerminalAggregate> byOrdinal)
    {
        for (var w = 0; w < TerminalBits.Length; w++)
        {
            for (var bits = TerminalBits[w]; bits != 0; bits &= bits - 1)
            {
                Terminals.Add(byOrdinal[(w << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits)].Terminal);
            }
        }

        TerminalBits = [];
    }

    public void Merge(TemplateAggregate other)
    {
        Count += other.Count;
        Severity = (LogSeverity)Math.Max((int)Severity, (int)other.Severity);
        // Ties go to the line read first, as in a single-core scan, whatever order the parts are merged in.
        if (other.FirstTicks < FirstTicks || (other.FirstTicks == FirstTicks && other.FirstPosition.CompareTo(FirstPosition) < 0))
        {
            (FirstTicks, FirstOffset, FirstPosition) = (other.FirstTicks, other.FirstOffset, other.FirstPosition);
        }

        if (other.LastTicks > LastTicks || (other.LastTicks == LastTicks && other.LastPosition.CompareTo(LastPosition) < 0))
        {
            (LastTicks, LastOffset, LastPosition) = (other.LastTicks, other.LastOffset, other.LastPosition);
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
    public int Ordinal;
    public string? Organization;
    public byte[]? OrganizationUtf8;
    public BlockPosition OrganizationPosition;
    public long Count;
    public readonly long[] Kinds = new long[5];
    public long LastTicks;
    public short LastOffset;
    public BlockPosition LastPosition;

    public void Merge(TerminalAggregate other)
    {
        Count += other.Count;
        for (var i = 0; i < Kinds.Length; i++)
        {
            Kinds[i] += other.Kinds[i];
        }

        if (other.LastTicks > LastTicks || (other.LastTicks == LastTicks && other.LastPosition.CompareTo(LastPosition) < 0))
        {
            (LastTicks, LastOffset, LastPosition) = (other.LastTicks, other.LastOffset, other.LastPosition);
        }

        if (other.Organization is not null && other.OrganizationPosition.CompareTo(OrganizationPosition) > 0)
        {
            (Organization, OrganizationUtf8, OrganizationPosition) = (other.Organization, other.OrganizationUtf8, other.OrganizationPosition);
        }
    }
}

/// <summary>
/// What a worker's blocks add to a scan. Every merge keeps what a single-core scan would (sums, the earliest example,
/// ties broken by position, the first malformed lines by position), so the parts may be merged in any order.
/// </summary>
internal sealed class ScanAggregate
{
    public long Lines;
    public long LinesInScope;
    public long Selected;
    public long Malformed;
    public long OverLong;
    public readonly long[] Kinds = new long[5];
    public readonly long[] Severities = new long[3];
    public readonly Dictionary<string, long> Levels = new(StringComparer.Ordinal);
    public readonly Dictionary<ulong, TemplateAggregate> Templates = [];
    public readonly Dictionary<string, TerminalAggregate> Terminals = new(StringComparer.Ordinal);
    public readonly List<TerminalAggregate> TerminalsByOrdinal = [];
    public readonly Dictionary<ulong, (TerminalAggregate Terminal, int Length)> TerminalsByUtf8 = [];
    public readonly List<(BlockPosition Position, MalformedReason Reason)> FirstMalformed = [];
    public readonly List<BlockPosition> FirstOverLong = [];

    public void Merge(ScanAggregate other, int malformedReported)
    {
        Lines += other.Lines;
        LinesInScope += other.LinesInScope;
        Selected += other.Selected;
        Malformed += other.Malformed;
        OverLong += other.OverLong;
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

        if (other.FirstMalformed.Count > 0)
        {
            FirstMalformed.AddRange(other.FirstMalformed);
            FirstMalformed.Sort((a, b) => a.Position.CompareTo(b.Position));
            if (FirstMalformed.Count > malformedReported)
            {
                FirstMalformed.RemoveRange(malformedReported, FirstMalformed.Count - malformedReported);
            }
        }

        if (other.FirstOverLong.Count > 0)
        {
            FirstOverLong.AddRange(other.FirstOverLong);
            FirstOverLong.Sort();
            if (FirstOverLong.Count > malformedReported)
            {
                FirstOverLong.RemoveRange(malformedReported, FirstOverLong.Count - malformedReported);
            }
        }
    }
}
