using PosFleet.Logs.Classification;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>
/// How the keyword marker's windows are spread over its buckets: every window in a bucket, and no move of a window to
/// another bucket, nor trade of two, that would make the tables admit fewer four-byte sequences. The admitted sequences
/// are counted here apart from the assignment: a bucket admits every sequence whose bytes have, position by position,
/// the low nibble of some window in it and the high nibble of some window in it, not always the same one.
/// </summary>
public sealed class KeywordBucketsTests
{
    [Fact]
    public void Assign_BuiltInRules_NoBucketAdmitsTheEndOfTicket()
    {
        // In one pass in sorted order, "aper" (out of paper) and "cked" (database is locked) shared a bucket, which admitted
        // "cket" before a word's end: the end of every "ticket" of a POS log went to the exact check.
        var windows = Windows(new LogClassifier(DefaultClassificationRules.All));
        var bucketOf = KeywordBuckets.Assign(windows);

        Assert.All(bucketOf, b => Assert.InRange(b, 0, KeywordBuckets.Count - 1));
        Assert.DoesNotContain(Enumerable.Range(0, KeywordBuckets.Count), b => Admits(windows, bucketOf, b, Folded("cket"u8)));
    }

    [Fact]
    public void Assign_AnyWindows_NoMoveAndNoTradeAdmitsFewer()
    {
        // A local optimum: from the assignment, no window moved to another bucket, and no two windows of different buckets
        // trading places, lowers the total. The first pass alone fails this in most of these sets, the moves alone in some.
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var windows = Enumerable.Range(0, random.Next(1, 40))
                .Select(_ => BitConverter.ToUInt32([.. Enumerable.Range(0, 4).Select(_ => (byte)(random.Next(2) == 0 ? random.Next('a', 'z' + 1) : random.Next(0x20, 0x7F)))]) | 0x20202020u)
                .Distinct().ToArray();
            var bucketOf = KeywordBuckets.Assign(windows);

            Assert.All(bucketOf, b => Assert.InRange(b, 0, KeywordBuckets.Count - 1));
            AssertNoMoveAdmitsFewer(windows, bucketOf, $"round {round}");
            var total = Total(windows, bucketOf);
            for (var i = 0; i < windows.Length; i++)
            {
                for (var k = i + 1; k < windows.Length; k++)
                {
                    var traded = (int[])bucketOf.Clone();
                    (traded[i], traded[k]) = (bucketOf[k], bucketOf[i]);
                    Assert.True(Total(windows, traded) >= total, $"round {round}: windows {i} and {k} traded admit fewer than {total}");
                }
            }
        }
    }

    [Fact]
    public void Assign_ManyWindows_NoMoveAdmitsFewer()
    {
        // Past the windows whose trades are tried (256), the moves alone still leave no move that lowers the total.
        var random = new Random(5);
        var windows = Enumerable.Range(0, 300)
            .Select(_ => BitConverter.ToUInt32([.. Enumerable.Range(0, 4).Select(_ => (byte)random.Next('a', 'z' + 1))]) | 0x20202020u)
            .Distinct().ToArray();

        AssertNoMoveAdmitsFewer(windows, KeywordBuckets.Assign(windows), "300 windows");
    }

    private static void AssertNoMoveAdmitsFewer(uint[] windows, int[] bucketOf, string context)
    {
        var total = Total(windows, bucketOf);
        for (var i = 0; i < windows.Length; i++)
        {
            for (var b = 0; b < KeywordBuckets.Count; b++)
            {
                var moved = (int[])bucketOf.Clone();
                moved[i] = b;
                Assert.True(Total(windows, moved) >= total, $"{context}: window {i} in bucket {b} admits fewer than {total}");
            }
        }
    }

    private static uint[] Windows(LogClassifier classifier) =>
        [.. classifier.KeywordVariants.Select(v => BitConverter.ToUInt32(v, v.Length - KeywordMarker.Window) | 0x20202020u).Distinct().Order()];

    private static uint Folded(ReadOnlySpan<byte> four) => BitConverter.ToUInt32(four) | 0x20202020u;

    private static bool Admits(uint[] windows, int[] bucketOf, int b, uint sequence)
    {
        var (low, high) = Nibbles(windows, bucketOf, b);
        return Enumerable.Range(0, 4).All(j => (low[j] & (1 << (int)((sequence >> (8 * j)) & 0xF))) != 0
            && (high[j] & (1 << (int)((sequence >> ((8 * j) + 4)) & 0xF))) != 0);
    }

    /// <summary>How many sequences the buckets admit in all: per bucket, the product over positions of its distinct low and high nibbles.</summary>
    private static long Total(uint[] windows, int[] bucketOf)
    {
        long total = 0;
        for (var b = 0; b < KeywordBuckets.Count; b++)
        {
            if (!bucketOf.Contains(b))
            {
                continue;
            }

            var (low, high) = Nibbles(windows, bucketOf, b);
            total += Enumerable.Range(0, 4).Aggregate(1L, (a, j) => a * int.PopCount(low[j]) * int.PopCount(high[j]));
        }

        return total;
    }

    /// <summary>Per position, the low and the high nibbles of bucket <paramref name="b"/>'s windows, as bit masks.</summary>
    private static (int[] Low, int[] High) Nibbles(uint[] windows, int[] bucketOf, int b)
    {
        var (low, high) = (new int[4], new int[4]);
        for (var i = 0; i < windows.Length; i++)
        {
            for (var j = 0; bucketOf[i] == b && j < 4; j++)
            {
                low[j] |= 1 << (int)((windows[i] >> (8 * j)) & 0xF);
                high[j] |= 1 << (int)((windows[i] >> ((8 * j) + 4)) & 0xF);
            }
        }

        return (low, high);
    }
}
