using System.Numerics;
using System.Runtime.CompilerServices;

namespace PosFleet.Logs.Scanning;

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
    /// <summary>The terminals that wrote it most (bounded), and how many distinct ones wrote it (bounded).</summary>
    public required SpaceSaving<TemplateTerminal> Terminals;
    public required DistinctCounter DistinctTerminals;

    /// <summary>
    /// How many lines each numbered terminal (<see cref="Numbers"/>) wrote, by its number: a line costs an array
    /// increment, with no lookup, no eviction and no distinct set. <see cref="CountNumbered"/> hands these exact counts
    /// to <see cref="Terminals"/> and <see cref="DistinctTerminals"/> when the scanner completes, or once the workers'
    /// parts are added up (<see cref="TryAddNumbered"/>). Null until a numbered
    /// terminal comes; then as long as the highest number met, up to <see cref="TerminalNumbers.Limit"/> counters (4 KB).
    /// </summary>
    private int[]? _byNumber;

    /// <summary>
    /// The numbers <see cref="_byNumber"/> is indexed by: those of the scanner that counted this template's lines
    /// (<see cref="AddTerminal"/>), to which a merge adds the terminals of other workers' parts.
    /// </summary>
    public required TerminalNumbers Numbers;

    /// <summary>
    /// The last terminal added by key and its counter: a run of lines from one terminal costs one comparison, not two
    /// lookups. (The counter cannot have been evicted since: only adding another terminal evicts, and that replaces it.)
    /// </summary>
    private ulong _lastHash;
    private TemplateTerminal? _last;

    /// <summary>Counts a line of the terminal named <paramref name="name"/>, whose number is <paramref name="number"/> (-1: none).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddTerminal(ulong hash, string name, int number)
    {
        // No terminal can have more lines than the template: while it has at most int.MaxValue, no counter overflows.
        var counts = _byNumber;
        if (counts is not null && (uint)number < (uint)counts.Length && Count <= int.MaxValue)
        {
            counts[number]++;
            return;
        }

        AddTerminalOtherwise(hash, name, number);
    }

    private void AddTerminalOtherwise(ulong hash, string name, int number)
    {
        if (Count > int.MaxValue)
        {
            // Past int.MaxValue lines a counter could overflow: the counts so far go to the summary, the rest by key.
            CountNumbered();
        }
        else if ((uint)number < TerminalNumbers.Limit)
        {
            // A terminal's number is the scanner's, not the template's: the counters grow to the highest number met.
            GrowNumbered(number + 1)[number]++;
            return;
        }

        if (_last is not null && hash == _lastHash)
        {
            _last.Count++;
            return;
        }

        ref var slot = ref Terminals.Find(hash, out var terminal);
        if (terminal is not null)
        {
            // Kept, so counted as distinct when it came in: no second lookup in the distinct set.
            terminal.Count++;
        }
        else
        {
            DistinctTerminals.Add(hash);
            terminal = Terminals.TakeEvicted();
            if (terminal is null)
            {
                terminal = new TemplateTerminal { Name = name, Count = 1 };
            }
            else
            {
                (terminal.Name, terminal.Count, terminal.Error) = (name, 1, 0);
            }

            if (Unsafe.IsNullRef(ref slot))
            {
                Terminals.Add(hash, terminal);
            }
            else
            {
                Terminals.Admit(ref slot, terminal);
            }
        }

        (_lastHash, _last) = (hash, terminal);
    }

    /// <summary>
    /// Hands the numbered terminals' exact counts to <see cref="DistinctTerminals"/> and to <see cref="Terminals"/>,
    /// beyond its bound (<see cref="SpaceSaving{T}.AddExact"/>): the scan adds up the workers' exact counts first and
    /// prunes once (<see cref="ScanAggregate.TrimTemplates"/>), so that a template's most frequent terminals are counted
    /// exactly whichever worker read their lines. The numbered counts are then empty.
    /// </summary>
    public void CountNumbered()
    {
        Ranked[]? ranked = null;
        HandOverNumbered(ref ranked, trim: false);
    }

    /// <summary>
    /// As <see cref="CountNumbered"/> and then the terminal summary's <see cref="SpaceSaving{T}.Trim"/>, with the same
    /// result, for a template whose terminals are all numbered: only the terminals the trim would keep become counters
    /// (a few dozen, where a template of a large fleet has hundreds). Otherwise the same as <see cref="CountNumbered"/>,
    /// the trim left to the caller.
    /// </summary>
    /// <param name="ranked">A buffer kept from one template to the next, grown as needed.</param>
    public void CountNumberedTrimmed(ref Ranked[]? ranked)
    {
        if (Terminals.Count > 0 || Terminals.Floor > 0)
        {
            CountNumbered();
            return;
        }

        HandOverNumbered(ref ranked, trim: true);
    }

    /// <summary>
    /// The numbered counts handed over (<see cref="CountNumbered"/>): all of them, or, with <paramref name="trim"/>, to a
    /// summary that holds nothing yet, only those its trim keeps (<see cref="SpaceSaving{T}.RankExact"/>).
    /// </summary>
    private void HandOverNumbered(ref Ranked[]? ranked, bool trim)
    {
        var counts = _byNumber;
        if (counts is null)
        {
            return;
        }

        _byNumber = null;
        var terminals = 0;
        foreach (var count in counts)
        {
            terminals += count > 0 ? 1 : 0;
        }

        if (ranked is null || ranked.Length < terminals)
        {
            // A buffer kept for the next template has room for every terminal a number can go to: made once for a scan's end.
            ranked = new Ranked[trim ? Math.Max(terminals, TerminalNumbers.Limit) : terminals];
        }

        var n = 0;
        for (var number = 0; number < counts.Length; number++)
        {
            if (counts[number] > 0)
            {
                ranked[n++] = new Ranked(counts[number], Numbers.HashOf(number));
            }
        }

        // A scan's end hands every template its terminals: as one array of their hashes (each number a different one),
        // not a set made entry by entry, to a template that counted none by key (DistinctCounter.AddDistinct).
        var hashes = new ulong[n];
        for (var i = 0; i < n; i++)
        {
            hashes[i] = ranked[i].Key;
        }

        DistinctTerminals.AddDistinct(hashes);

        var kept = trim ? Terminals.RankExact(ranked.AsSpan(0, n)) : n;
        Terminals.EnsureCapacity(kept);
        foreach (var (count, hash) in ranked.AsSpan(0, kept))
        {
            Terminals.AddExact(hash, new TemplateTerminal { Name = Numbers.NameOfHash(hash), Count = count });
        }
    }

    public void Merge(TemplateAggregate other)
    {
        if (Terminals.Floor > 0 || other.Terminals.Floor > 0)
        {
            // A summary that has dropped terminals adds its floor to each terminal the other side keeps and it does not:
            // every terminal must then be in a summary, not waiting in the numbered counts, for the bounds to hold.
            CountNumbered();
            other.CountNumbered();
        }
        else if (other._byNumber is not null && !TryAddNumbered(other))
        {
            // Not by number: the other part's numbered counts go to its keyed summary first, merged below.
            other.CountNumbered();
        }

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

        // Left unbounded: the scan trims once every part is in (ScanAggregate.TrimTemplates).
        Terminals.Merge(other.Terminals, static (mine, theirs) => (mine.Count, mine.Error) = (mine.Count + theirs.Count, mine.Error + theirs.Error), bound: false);
        DistinctTerminals.Merge(other.DistinctTerminals);
    }

    /// <summary>The numbered counters, at least <paramref name="length"/> of them: grown by doubling, up to <see cref="TerminalNumbers.Limit"/>.</summary>
    private int[] GrowNumbered(int length)
    {
        if (length > (_byNumber?.Length ?? 0))
        {
            Array.Resize(ref _byNumber, Math.Min(TerminalNumbers.Limit, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(length, 16))));
        }

        return _byNumber!;
    }

    /// <summary>
    /// Adds the numbered counts of <paramref name="other"/> (another worker's part, not yet counted) to this template's, by
    /// terminal: an array addition where it would otherwise take a set and a dictionary of every terminal on both sides,
    /// added up again by the merge. This template's numbered counts are then to be counted (<see cref="CountNumbered"/>)
    /// before it is read. <see langword="false"/>, with nothing added, where a terminal of the other part gets no number
    /// here (more than <see cref="TerminalNumbers.Limit"/>) or the sum could overflow a counter.
    /// </summary>
    private bool TryAddNumbered(TemplateAggregate other)
    {
        if (Count + other.Count > int.MaxValue)
        {
            return false;
        }

        var theirs = other._byNumber!;
        var map = Numbers.MapFrom(other.Numbers);
        var length = _byNumber?.Length ?? 0;
        for (var number = 0; number < theirs.Length; number++)
        {
            if (theirs[number] > 0)
            {
                if (map[number] < 0)
                {
                    return false;
                }

                length = Math.Max(length, map[number] + 1);
            }
        }

        var mine = GrowNumbered(length);
        for (var number = 0; number < theirs.Length; number++)
        {
            if (theirs[number] > 0)
            {
                mine[map[number]] += theirs[number];
            }
        }

        other._byNumber = null;
        return true;
    }
}

/// <summary>A terminal's lines of one template.</summary>
internal sealed class TemplateTerminal : CountedItem
{
    public required string Name;
}
