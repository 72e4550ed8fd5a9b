using System.Runtime.CompilerServices;

namespace PosFleet.Logs.Scanning;

/// <summary>An item's count and key, as a prune sorts them (outside the generic class, so that the sort is not shared code calling its comparer through an interface).</summary>
internal readonly record struct Ranked(long Count, ulong Key);

/// <summary>
/// Largest count first, ties by key (keys are distinct, so the order is total), as a selection rather than a sort:
/// <c>Span.Sort</c> with a comparer struct compares through a delegate in a NativeAOT build, and a prune needs only
/// the item at one rank.
/// </summary>
internal static class RankedSelection
{
    /// <summary>Reorders <paramref name="items"/> so that the item at <paramref name="rank"/> is the one a full sort would put there, every item before it ranks before it, every item after it after.</summary>
    public static void Partition(Span<Ranked> items, int rank)
    {
        var lo = 0;
        var hi = items.Length - 1;
        while (hi > lo)
        {
            // Median of three as the pivot, moved to the end (Lomuto's partition).
            var mid = lo + ((hi - lo) >> 1);
            if (Before(items[mid], items[lo]))
            {
                (items[mid], items[lo]) = (items[lo], items[mid]);
            }

            if (Before(items[hi], items[lo]))
            {
                (items[hi], items[lo]) = (items[lo], items[hi]);
            }

            if (Before(items[mid], items[hi]))
            {
                (items[mid], items[hi]) = (items[hi], items[mid]);
            }

            var pivot = items[hi];
            var store = lo;
            for (var i = lo; i < hi; i++)
            {
                if (Before(items[i], pivot))
                {
                    (items[i], items[store]) = (items[store], items[i]);
                    store++;
                }
            }

            (items[store], items[hi]) = (items[hi], items[store]);
            if (store == rank)
            {
                return;
            }

            if (store < rank)
            {
                lo = store + 1;
            }
            else
            {
                hi = store - 1;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Before(Ranked x, Ranked y) => x.Count > y.Count || (x.Count == y.Count && x.Key < y.Key);
}
