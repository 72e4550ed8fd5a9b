using System.Runtime.CompilerServices;
using System.Text;

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

internal sealed class TerminalAggregate : CountedItem
{
    public required string Terminal;

    /// <summary>Its number in the scanner that counts it (<see cref="TerminalNumbers"/>); -1 when it has none.</summary>
    public int Number = -1;
    public string? Organization;
    public BlockPosition OrganizationPosition;

    // Its organization's bytes, for a selected line to compare with its own: in the object itself when they fit in
    // OrganizationBytes.Length, in an array of their own otherwise; _organizationLength -1 while it has none.
    private OrganizationBytes _organizationBytes;
    private int _organizationLength = -1;
    private byte[]? _organizationUtf8;

    /// <summary>
    /// Its lines per kind, in the object itself: a selected line updates them with the count, with no array to read. A
    /// mutable struct: indexed in place (<c>terminal.Kinds[k]++</c>), never copied to a variable first.
    /// </summary>
    public KindCounts Kinds;

    /// <summary>The latest timed entry's time; <see cref="long.MinValue"/> while it has only untimed ones.</summary>
    public long LastTicks = long.MinValue;

    /// <summary>The latest time its untimed entries took (their input's), its last seen when it has no timed entry.</summary>
    public long UntimedTicks = long.MinValue;
    public short LastOffset;
    public BlockPosition LastPosition;

    public void Merge(TerminalAggregate other)
    {
        Count += other.Count;
        Error += other.Error;
        for (var i = 0; i < KindCounts.Length; i++)
        {
            Kinds[i] += other.Kinds[i];
        }

        if (other.LastTicks > LastTicks || (other.LastTicks == LastTicks && other.LastPosition.CompareTo(LastPosition) < 0))
        {
            (LastTicks, LastOffset, LastPosition) = (other.LastTicks, other.LastOffset, other.LastPosition);
        }

        UntimedTicks = Math.Max(UntimedTicks, other.UntimedTicks);
        if (other.Organization is not null && other.OrganizationPosition.CompareTo(OrganizationPosition) > 0)
        {
            (Organization, OrganizationPosition) = (other.Organization, other.OrganizationPosition);
            (_organizationBytes, _organizationLength, _organizationUtf8) = (other._organizationBytes, other._organizationLength, other._organizationUtf8);
        }
    }

    /// <summary>Whether its organization's bytes are <paramref name="organization"/>'s.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool IsOrganization(ReadOnlySpan<byte> organization) =>
        organization.Length == _organizationLength
        && organization.SequenceEqual(organization.Length <= OrganizationBytes.Length
            ? ((ReadOnlySpan<byte>)_organizationBytes)[..organization.Length]
            : _organizationUtf8);

    /// <summary>Makes <paramref name="organization"/> (not empty) its organization.</summary>
    public void SetOrganization(ReadOnlySpan<byte> organization)
    {
        if (organization.Length <= OrganizationBytes.Length)
        {
            organization.CopyTo(_organizationBytes);
            _organizationUtf8 = null;
        }
        else
        {
            _organizationUtf8 = organization.ToArray();
        }

        _organizationLength = organization.Length;
        Organization = Encoding.UTF8.GetString(organization);
    }
}

/// <summary>The bytes of an organization's name, as most are: 32 at most.</summary>
[InlineArray(Length)]
internal struct OrganizationBytes
{
    public const int Length = 32;

    private byte _byte;
}

/// <summary>A count per <see cref="LogKind"/>, by its number (as many as there are kinds: a test holds it to that).</summary>
[InlineArray(Length)]
internal struct KindCounts
{
    public const int Length = 5;

    private long _count;
}

/// <summary>
/// What a worker's blocks add to a scan. Every merge keeps what a single-core scan would (sums, the earliest example,
/// ties broken by position, the first malformed lines by position), so the parts may be merged in any order.
/// </summary>
/// <param name="terminals">How many terminals are counted one by one (<see cref="LogScanOptions.MaxTerminals"/>).</param>
internal sealed class ScanAggregate(int terminals)
{
    /// <summary>Distinct terminals counted exactly up to this many (a set of 64-bit hashes, about 2 MB), then estimated.</summary>
    public const int DistinctTerminalsExact = 65_536;

    /// <summary>Distinct terminals of one template counted exactly up to this many, then estimated (4 KB of registers).</summary>
    public const int DistinctTemplateTerminalsExact = 1_024;

    public long Lines;
    public long LinesInScope;
    public long Selected;
    public long Malformed;
    public long OverLong;
    public long Untimed;
    public long Continuation;
    public readonly long[] Kinds = new long[5];
    public readonly long[] Severities = new long[3];
    public readonly Dictionary<string, long> Levels = new(StringComparer.Ordinal);
    public readonly Dictionary<ulong, TemplateAggregate> Templates = [];
    public readonly SpaceSaving<TerminalAggregate> Terminals = new(terminals);
    public readonly DistinctCounter DistinctTerminals = new(DistinctTerminalsExact, 14);

    /// <summary>
    /// The numbers of this scanner's terminals, by which its templates count them. Never merged as a whole (numbers are one
    /// scanner's): a template merged with another worker's maps that worker's numbers to these (<see cref="TerminalNumbers.MapFrom"/>).
    /// </summary>
    public readonly TerminalNumbers Numbers = new();

    public readonly List<(BlockPosition Position, MalformedReason Reason)> FirstMalformed = [];
    public readonly List<BlockPosition> FirstOverLong = [];

    /// <summary>Hands every template's numbered counts to its terminal summary (<see cref="TemplateAggregate.CountNumbered"/>).</summary>
    public void CountNumbered()
    {
        foreach (var template in Templates.Values)
        {
            template.CountNumbered();
        }
    }

    /// <summary>
    /// As <see cref="CountNumbered()"/>, before this part is merged into <paramref name="into"/> and the templates
    /// trimmed (<see cref="TrimTemplates"/>): a template that <paramref name="into"/> does not hold (every template of a
    /// scan's first input) is trimmed here already, so that the terminals the trim drops are never made counters
    /// (<see cref="TemplateAggregate.CountNumberedTrimmed"/>). The summary is the same.
    /// </summary>
    public void CountNumbered(ScanAggregate into)
    {
        Ranked[]? ranked = null;
        foreach (var (id, template) in Templates)
        {
            if (into.Templates.ContainsKey(id))
            {
                template.CountNumbered();
            }
            else
            {
                template.CountNumberedTrimmed(ref ranked);
            }
        }
    }

    /// <summary>Prunes each template's terminal summary back within its bound, once the parts that may share terminals are merged.</summary>
    public void TrimTemplates()
    {
        foreach (var template in Templates.Values)
        {
            template.Terminals.Trim();
        }
    }

    public void Merge(ScanAggregate other, int malformedReported)
    {
        Lines += other.Lines;
        LinesInScope += other.LinesInScope;
        Selected += other.Selected;
        Malformed += other.Malformed;
        OverLong += other.OverLong;
        Untimed += other.Untimed;
        Continuation += other.Continuation;
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

        Terminals.Merge(other.Terminals, static (mine, theirs) => mine.Merge(theirs));
        DistinctTerminals.Merge(other.DistinctTerminals);

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
