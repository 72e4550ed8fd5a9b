using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PosFleet.Logs.Classification;

/// <content>The steps of 64 bytes in one lookup per window byte, where the processor has 512-bit byte shuffles.</content>
internal sealed partial class KeywordMarker
{
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void MarkInPlace512(ref byte data, int at, Span<ulong> marks, int from, int to)
    {
        var t = _tables;
        var (lo0, hi0, lo1, hi1) = (Vector512.Create(t[0], t[0]), Vector512.Create(t[1], t[1]), Vector512.Create(t[2], t[2]), Vector512.Create(t[3], t[3]));
        var (lo2, hi2, lo3, hi3) = (Vector512.Create(t[4], t[4]), Vector512.Create(t[5], t[5]), Vector512.Create(t[6], t[6]), Vector512.Create(t[7], t[7]));
        var (wordLow, wordHigh) = (Vector512.Create(WordClassLow, WordClassLow), Vector512.Create(WordClassHigh, WordClassHigh));
        var wordEnd = _wordEnd;
        for (var k = from; k < to; k++)
        {
            ref var p = ref Unsafe.Add(ref data, at + (64 * k));
            var hits = NibbleTables.LookupAsRead(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref p, 3)), lo0, hi0)
                & NibbleTables.LookupAsRead(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref p, 2)), lo1, hi1)
                & NibbleTables.LookupAsRead(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref p, 1)), lo2, hi2)
                & NibbleTables.LookupAsRead(Vector512.LoadUnsafe(ref p), lo3, hi3);
            var found = ~Vector512.Equals(hits, Vector512<byte>.Zero).ExtractMostSignificantBits();
            if (wordEnd && found != 0)
            {
                found &= ~WordBytes(Vector512.LoadUnsafe(ref p, 1), wordLow, wordHigh);
            }

            marks[k] = found == 0 ? 0 : Refine(ref p, found);
        }
    }

    /// <summary>As <see cref="WordBytes(Vector256{byte})"/>, for 64 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WordBytes(Vector512<byte> bytes, Vector512<byte> low, Vector512<byte> high)
    {
        var classes = Avx512BW.Shuffle(low, bytes & Vector512.Create((byte)0x0F))
            & Avx512BW.Shuffle(high, Vector512.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & Vector512.Create((byte)0x0F));
        return ~Vector512.Equals(classes, Vector512<byte>.Zero).ExtractMostSignificantBits();
    }
}
