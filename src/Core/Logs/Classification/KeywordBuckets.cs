using System.Numerics;

namespace PosFleet.Logs.Classification;

/// <summary>
/// Spreads the keyword marker's four-byte windows over its eight buckets of nibble tables. A bucket's tables admit every
/// four-byte sequence whose bytes, position by position, have the low nibble of some window in the bucket and the high
/// nibble of some window in it, not always the same one: windows that share nibbles share a bucket, so that the tables
/// admit few sequences besides the windows, each of which the marker's exact check must then drop. Each window in turn
/// goes where it adds the fewest admitted sequences; then, while it lowers the total, a window moves to another bucket or
/// two windows of different buckets trade places. The result is a local optimum: no such move or trade lowers the total,
/// unless the passes stop at their bound first.
/// </summary>
/// <remarks>
/// The first pass alone, in sorted order, put the built-in rules' <c>aper</c> and <c>cked</c> (out of paper, database is
/// locked) in one bucket, whose tables admitted <c>cket</c>: the end of every "ticket" of a POS log went to the exact
/// check, two million places per GiB.
/// </remarks>
internal static class KeywordBuckets
{
    /// <summary>How many buckets the tables have: one bit of a byte each.</summary>
    public const int Count = 8;

    // The trades of two windows make a pass quadratic in the windows: past this many, the moves alone. Passes stop when
    // one changes nothing (each pass that changes something lowers the total), and after this many in any case.
    private const int MaxTradedWindows = 256;
    private const int MaxPasses = 64;

    /// <summary>The bucket of each window (folded, as read little-endian), in <c>[0, Count)</c>.</summary>
    public static int[] Assign(ReadOnlySpan<uint> windows)
    {
        var buckets = new BucketNibbles(windows.ToArray());
        for (var i = 0; i < windows.Length; i++)
        {
            var (best, bestGrowth) = (0, long.MaxValue);
            for (var b = 0; b < Count; b++)
            {
                var growth = buckets.Growth(i, b);
                if (growth < bestGrowth)
                {
                    (best, bestGrowth) = (b, growth);
                }
            }

            buckets.Add(i, best);
        }

        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var improved = false;
            for (var i = 0; i < windows.Length; i++)
            {
                for (var b = 0; b < Count; b++)
                {
                    improved |= buckets.TryMove(i, b);
                }
            }

            if (windows.Length <= MaxTradedWindows)
            {
                for (var i = 0; i < windows.Length; i++)
                {
                    for (var k = i + 1; k < windows.Length; k++)
                    {
                        improved |= buckets.TrySwap(i, k);
                    }
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return buckets.BucketOf;
    }

    /// <summary>
    /// The buckets being filled: per bucket, position and nibble, how many of its windows have that nibble there, so that
    /// a window added or taken away changes a bucket's count of admitted sequences in a few steps.
    /// </summary>
    private sealed class BucketNibbles(uint[] windows)
    {
        private const int Positions = KeywordMarker.Window;

        private readonly int[] _low = new int[Count * Positions * 16];
        private readonly int[] _high = new int[Count * Positions * 16];

        // Per bucket and position, the nibbles its windows have there, as bit masks.
        private readonly int[] _lowSeen = new int[Count * Positions];
        private readonly int[] _highSeen = new int[Count * Positions];

        public int[] BucketOf { get; } = Unassigned(windows.Length);

        private static int[] Unassigned(int count)
        {
            var buckets = new int[count];
            Array.Fill(buckets, -1);
            return buckets;
        }

        /// <summary>How many more sequences bucket <paramref name="b"/> admits with window <paramref name="i"/> in it.</summary>
        public long Growth(int i, int b)
        {
            var before = Admitted(b);
            Put(i, b, 1);
            var after = Admitted(b);
            Put(i, b, -1);
            return after - before;
        }

        public void Add(int i, int b)
        {
            Put(i, b, 1);
            BucketOf[i] = b;
        }

        /// <summary>Moves window <paramref name="i"/> to bucket <paramref name="b"/> where the total goes down.</summary>
        public bool TryMove(int i, int b)
        {
            var a = BucketOf[i];
            if (a == b)
            {
                return false;
            }

            var before = Admitted(a) + Admitted(b);
            Put(i, a, -1);
            Put(i, b, 1);
            if (Admitted(a) + Admitted(b) < before)
            {
                BucketOf[i] = b;
                return true;
            }

            Put(i, b, -1);
            Put(i, a, 1);
            return false;
        }

        /// <summary>Has windows <paramref name="i"/> and <paramref name="k"/> trade buckets where the total goes down.</summary>
        public bool TrySwap(int i, int k)
        {
            var (a, b) = (BucketOf[i], BucketOf[k]);
            if (a == b)
            {
                return false;
            }

            var before = Admitted(a) + Admitted(b);
            Trade(i, a, k, b);
            if (Admitted(a) + Admitted(b) < before)
            {
                (BucketOf[i], BucketOf[k]) = (b, a);
                return true;
            }

            Trade(i, b, k, a);
            return false;
        }

        private void Trade(int i, int from, int k, int to)
        {
            Put(i, from, -1);
            Put(k, to, -1);
            Put(i, to, 1);
            Put(k, from, 1);
        }

        /// <summary>How many sequences bucket <paramref name="b"/>'s tables admit: 0 when it holds no window (no nibble seen).</summary>
        private long Admitted(int b)
        {
            long admitted = 1;
            for (var j = 0; j < Positions; j++)
            {
                admitted *= BitOperations.PopCount((uint)_lowSeen[(b * Positions) + j]) * BitOperations.PopCount((uint)_highSeen[(b * Positions) + j]);
            }

            return admitted;
        }

        private void Put(int i, int b, int delta)
        {
            for (var j = 0; j < Positions; j++)
            {
                var f = (byte)(windows[i] >> (8 * j));
                var at = (b * Positions) + j;
                Tally(_low, _lowSeen, at, f & 0xF, delta);
                Tally(_high, _highSeen, at, f >> 4, delta);
            }
        }

        private static void Tally(int[] counts, int[] seen, int at, int nibble, int delta)
        {
            var n = counts[(at * 16) + nibble] += delta;
            seen[at] = n > 0 ? seen[at] | (1 << nibble) : seen[at] & ~(1 << nibble);
        }
    }
}
