using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// A counter kept by <see cref="SpaceSaving{T}"/>. A base class with fields, not an interface: the summary is shared
/// code for every reference type, and reading a count through an interface costs a dispatch on every prune and add.
/// </summary>
internal abstract class CountedItem
{
    /// <summary>Its count: exact while the summary is, else at most <see cref="Error"/> more than the true count.</summary>
    public long Count;

    /// <summary>How much of <see cref="Count"/> was inherited from the items evicted before it came in.</summary>
    public long Error;
}

/// <summary>
/// The most frequent items of a stream in bounded memory (Space-Saving, Metwally et al., with evictions in batches):
/// at most twice <see cref="Capacity"/> items are kept; when full, all but the <see cref="Capacity"/> largest counts
/// are dropped and the largest count dropped becomes the <see cref="Floor"/>, which an item coming in afterwards
/// starts from. Counts are exact while no item was dropped; afterwards a count may be too high by
/// at most its <see cref="CountedItem.Error"/>, and an item that is not kept has at most <see cref="Floor"/>
/// occurrences, so that any item more frequent than that is kept. Amortized O(log capacity) per new item.
/// </summary>
/// <typeparam name="T">The counter of one item.</typeparam>
internal sealed class SpaceSaving<T>(int capacity)
    where T : CountedItem
{
    /// <summary>How many items <see cref="Top"/> picks by insertion at most: beyond, it sorts them all.</summary>
    internal const int TopByInsertion = 32;

    private readonly Dictionary<ulong, T> _items = [];
    private Ranked[] _order = [];
    private T[]? _evicted;
    private int _evictedCount;

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    /// <summary>The most items kept at once.</summary>
    public int Bound => 2 * Capacity;

    /// <summary>How many items are kept now.</summary>
    public int Count => _items.Count;

    /// <summary>The most occurrences an item that is not kept can have had (0: every count is exact).</summary>
    public long Floor { get; private set; }

    public IEnumerable<T> Items => _items.Values;

    public bool TryGet(ulong key, [MaybeNullWhen(false)] out T item) => _items.TryGetValue(key, out item);

    /// <summary>
    /// The counter of <paramref name="key"/> in <paramref name="kept"/> when kept (null otherwise); and, for a new item
    /// while the summary has room (no prune due), the slot made for it in the same probe, which the caller fills with
    /// <see cref="Admit"/>: a new item costs one lookup instead of two. A null reference when a prune is due (then
    /// <see cref="Add"/>) or the item is kept.
    /// </summary>
    public ref T? Find(ulong key, out T? kept)
    {
        if (_items.Count < Bound)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_items, key, out var exists);
            kept = slot;
            return ref exists ? ref Unsafe.NullRef<T?>() : ref slot;
        }

        _items.TryGetValue(key, out kept);
        return ref Unsafe.NullRef<T?>();
    }

    /// <summary>Fills the slot <see cref="Find"/> made for a new item: its count and error start from <see cref="Floor"/>, as with <see cref="Add"/>.</summary>
    public void Admit(ref T? slot, T item)
    {
        item.Count += Floor;
        item.Error += Floor;
        slot = item;
    }

    /// <summary>
    /// Keeps the counters that <see cref="Add"/> evicts, for <see cref="TakeEvicted"/> to hand back: with a few hundred
    /// terminals writing one template, every other selected line evicts or adds one, and a new counter for each is
    /// most of the garbage a scan makes. Only for counters nothing else refers to once evicted.
    /// </summary>
    public bool ReuseEvicted { get; init; }

    /// <summary>A counter evicted by <see cref="Add"/> (see <see cref="ReuseEvicted"/>), to be reset and added again; null when none.</summary>
    public T? TakeEvicted() => _evictedCount > 0 ? _evicted![--_evictedCount] : null;

    /// <summary>Adds an item that is not kept yet; its count and error start from <see cref="Floor"/>.</summary>
    public void Add(ulong key, T item)
    {
        if (_items.Count >= Bound)
        {
            Prune(ReuseEvicted);
        }

        item.Count += Floor;
        item.Error += Floor;
        _items.Add(key, item);
    }

    /// <summary>Makes room for <paramref name="items"/> more items beyond those kept (before <see cref="AddExact"/>).</summary>
    public void EnsureCapacity(int items) => _items.EnsureCapacity(_items.Count + items);

    /// <summary>
    /// Adds an item whose count is exact (every occurrence of it so far), whatever the bound: the summary holds it until
    /// its next prune (<see cref="Trim"/>, or an <see cref="Add"/> past the bound), which then ranks it with the others.
    /// An item already kept adds the count to its own.
    /// </summary>
    public void AddExact(ulong key, T item)
    {
        if (_items.TryGetValue(key, out var kept))
        {
            kept.Count += item.Count;
            return;
        }

        _items.Add(key, item);
    }

    /// <summary>
    /// For a summary that holds nothing yet, the items of exact counts that <see cref="AddExact"/> of each and then
    /// <see cref="Trim"/> would keep: <paramref name="items"/> (their counts and keys) are ranked as a prune ranks them,
    /// and the floor is set as it sets it. The items to add with <see cref="AddExact"/> are then the first ones of the
    /// span, as many as returned: all of them while they are within the bound.
    /// </summary>
    public int RankExact(Span<Ranked> items)
    {
        if (_items.Count > 0 || Floor > 0)
        {
            throw new InvalidOperationException("Only a summary that holds nothing yet ranks exact counts before they are added.");
        }

        if (items.Length <= Bound)
        {
            return items.Length;
        }

        RankedSelection.Partition(items, Capacity);
        Floor = items[Capacity].Count;
        return Capacity;
    }

    /// <summary>Back within the bound: prunes when it holds more than <see cref="Bound"/> items (after <see cref="AddExact"/>, or a merge left unbounded).</summary>
    public void Trim()
    {
        if (_items.Count > Bound)
        {
            Prune(keepEvicted: false);
        }
    }

    /// <summary>
    /// The kept items with the most occurrences counted while they were kept (<c>Count - Error</c>, a lower bound of
    /// the true count: exact while nothing was evicted), ties by <paramref name="tieBreak"/>, at most <paramref name="count"/>.
    /// </summary>
    public List<T> Top(int count, IComparer<T> tieBreak)
    {
        ArgumentNullException.ThrowIfNull(tieBreak);
        var take = Math.Clamp(count, 0, _items.Count);
        if (take == 0)
        {
            return [];
        }

        if (take > TopByInsertion)
        {
            return [.. _items.Values.OrderByDescending(i => i.Count - i.Error).ThenBy(i => i, tieBreak).Take(take)];
        }

        // A few of many (a template's terminals listed, at the end of every scan, for each template): each item compared with
        // the last of those kept so far, and put in its place when it ranks before it. Ties of both keys keep the items'
        // order, as the stable sort above does.
        var top = new T[take];
        var kept = 0;
        foreach (var item in _items.Values)
        {
            if (kept == take && Rank(item, top[kept - 1], tieBreak) >= 0)
            {
                continue;
            }

            var at = kept < take ? kept++ : take - 1;
            for (; at > 0 && Rank(item, top[at - 1], tieBreak) < 0; at--)
            {
                top[at] = top[at - 1];
            }

            top[at] = item;
        }

        return [.. top];
    }

    /// <summary>The order of <see cref="Top"/>: the most occurrences counted while kept first, then by <paramref name="tieBreak"/>.</summary>
    private static int Rank(T a, T b, IComparer<T> tieBreak) =>
        (b.Count - b.Error).CompareTo(a.Count - a.Error) is var c and not 0 ? c : tieBreak.Compare(a, b);

    /// <summary>
    /// Adds another summary's counts (mergeable summaries: an item kept by one side only may have had up to the other
    /// side's floor there, so it is counted as having had it).
    /// </summary>
    /// <param name="other">The summary to add; its counters become this one's.</param>
    /// <param name="merge">Adds the counts of an item both keep to this one's counter.</param>
    /// <param name="bound">Whether to prune back within the bound at once; when not, <see cref="Trim"/> does it later, so
    /// that several summaries of exact counts are added up exactly before anything is dropped.</param>
    public void Merge(SpaceSaving<T> other, Action<T, T> merge, bool bound = true)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var (key, mine) in _items)
        {
            if (!other._items.ContainsKey(key))
            {
                mine.Count += other.Floor;
                mine.Error += other.Floor;
            }
        }

        foreach (var (key, theirs) in other._items)
        {
            if (_items.TryGetValue(key, out var mine))
            {
                merge(mine, theirs);
            }
            else
            {
                theirs.Count += Floor;
                theirs.Error += Floor;
                _items.Add(key, theirs);
            }
        }

        Floor += other.Floor;
        while (bound && _items.Count > Bound)
        {
            Prune(keepEvicted: false);
        }
    }

    private void Prune(bool keepEvicted)
    {
        // Keeps exactly the Capacity largest (ties by key, so that a prune does not depend on insertion order):
        // dropping every item tied at the threshold would leave a short list when counts are all alike. The counts are
        // partitioned (not sorted) in a buffer kept for the next prune: a summary of a few hundred terminals per template
        // prunes often, and which items are kept needs only the item at rank Capacity, not the order of the others.
        var order = _order.Length >= _items.Count ? _order : _order = new Ranked[Math.Max(_items.Count, Bound + 1)];
        var n = 0;
        foreach (var (key, item) in _items)
        {
            order[n++] = new Ranked(item.Count, key);
        }

        var kept = order.AsSpan(0, n);
        RankedSelection.Partition(kept, Capacity);
        if (keepEvicted)
        {
            _evicted ??= new T[Bound];
        }

        for (var i = Capacity; i < kept.Length; i++)
        {
            if (_items.Remove(kept[i].Key, out var evicted) && keepEvicted && _evictedCount < _evicted!.Length)
            {
                _evicted[_evictedCount++] = evicted;
            }
        }

        Floor = Math.Max(Floor, kept[Capacity].Count);
    }
}
