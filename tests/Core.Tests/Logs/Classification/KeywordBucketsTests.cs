using PosFleet.Logs.Classification;

namespace PosFleet.Tests.Logs.Classification;

/// <summary>
/// How the keyword marker's windows are spread over its buckets: every window in a bucket, and no window that moving to
/// another bucket would make the tables admit fewer four-byte sequences, the admitted sequences counted here apart from
/// the assignment (a bucket admits every sequence whose bytes have, position by position, a low nibble and a high nibble
/// of some window in it).
/// </summary>
public sealed class KeywordBucketsTests
{
    [Fact]
    public void Assign_BuiltInRules_NoBucketAdmitsTheEndOfTicket()
    {
        // In one pass in sorted order, "aper" (out of paper) and "cked" (database is locked) shared a bucket, which admitted
        // "cket": the end of every "ticket" of a POS log.
        var windows = Windows(new LogClassifier(DefaultClassificationRules.All));
        var bucketOf = KeywordBuckets.Assign(windows);

        Assert.All(windows, (w, i) => Assert.True(Admits(windows, bucketOf, bucketOf[i], w)));
        Assert.DoesNotContain(Enumerable.Range(0, KeywordBuckets.Count), b => Admits(windows, bucketOf, b, Folded("cket"u8)));
        Assert.DoesNotContain(Enumerable.Range(0, KeywordBuckets.Count), b => Admits(windows, bucketOf, b, Folded("osed"u8)));
    }

    [Fact]
    public void Assign_AnyWindows_NoSingleMoveAdmitsFewer()
    {
        // A local optimum: from the assignment, no window moved to another bucket lowers the total. The first pass alone
        // fails this on the built-in rules.
        var random = new Random(11);
        for (var round = 0; round < 200; round++)
        {
            var windows = Enumerable.Range(0, random.Next(1, 40))
                .Select(_ => BitConverter.ToUInt32([.. Enumerable.Range(0, 4).Select(_ => (byte)(random.Next(2) == 0 ? random.Next('a', 'z' + 1) : random.Next(0x20, 0x7F)))]) | 0x20202020u)
                .Distinct().ToArray();
            var bucketOf = KeywordBuckets.Assign(windows);

            Assert.All(bucketOf, b => Assert.InRange(b, 0, KeywordBuckets.Count - 1));
            var total = Total(windows, bucketOf);
            for (var i = 0; i < windows.Length; i++)
            {
                for (var b = 0; b < KeywordBuckets.Count; b++)
                {
                    var moved = (int[])bucketOf.Clone();
                    moved[i] = b;
                    Assert.True(Total(windows, moved) >= total, $"round {round}: window {i} in bucket {b} admits fewer than {total}");
                }
            }
        }
    }

    [Fact]
    public void Assign_ManyWindows_EveryWindowInABucket()
    {
        // Past the windows whose trades are tried, the moves alone: still every window in a bucket.
        var windows = Enumerable.Range(0, 1_000).Select(i => (uint)(0x61616161 + i * 7919) | 0x20202020u).Distinct().ToArray();

        Assert.All(KeywordBuckets.Assign(windows), b => Assert.InRange(b, 0, KeywordBuckets.Count - 1));
    }

    private static uint[] Windows(LogClassifier classifier) =>
        [.. classifier.KeywordVariants.Select(v => BitConverter.ToUInt32(v, v.Length - KeywordMarker.Window) | 0x20202020u).Distinct().Order()];

    private static uint Folded(ReadOnlySpan<byte> four) => BitConverter.ToUInt32(four) | 0x20202020u;

    private static bool Admits(uint[] windows, int[] bucketOf, int b, uint sequence) =>
        Enumerable.Range(0, 4).All(j => Nibbles(windows, bucketOf, b, j).Low.Contains((sequence >> (8 * j)) & 0xF)
            && Nibbles(windows, bucketOf, b, j).High.Contains((sequence >> (8 * j + 4)) & 0xF));

    private static long Total(uint[] windows, int[] bucketOf) =>
        Enumerable.Range(0, KeywordBuckets.Count).Sum(b => bucketOf.Contains(b)
            ? Enumerable.Range(0, 4).Aggregate(1L, (a, j) => a * Nibbles(windows, bucketOf, b, j).Low.Count * Nibbles(windows, bucketOf, b, j).High.Count)
            : 0);

    private static (HashSet<uint> Low, HashSet<uint> High) Nibbles(uint[] windows, int[] bucketOf, int b, int j) =>
        ([.. windows.Where((_, i) => bucketOf[i] == b).Select(w => (w >> (8 * j)) & 0xF)],
         [.. windows.Where((_, i) => bucketOf[i] == b).Select(w => (w >> (8 * j + 4)) & 0xF)]);
}
