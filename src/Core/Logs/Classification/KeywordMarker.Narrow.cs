using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PosFleet.Logs.Classification;

/// <content>
/// The steps of 64 bytes in four 128-bit lookups per window byte, where 256-bit byte shuffles are not taken: an x86-64-v2
/// processor (SSSE3) and arm64 (AdvSimd). Without them every line of a block is searched on its own.
/// </content>
internal sealed partial class KeywordMarker
{
    /// <summary>The positions of 64 bytes where the tables admit a window ending there and, where it matters, a word ending.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Step128(ref byte p)
    {
        var t = _tables128!;
        var h0 = Hits128(ref p, t);
        var h1 = Hits128(ref Unsafe.Add(ref p, 16), t);
        var h2 = Hits128(ref Unsafe.Add(ref p, 32), t);
        var h3 = Hits128(ref Unsafe.Add(ref p, 48), t);

        // Most steps of a log hold no hit: one test for the four quarters, and no bit masks made.
        if ((h0 | h1 | h2 | h3) == Vector128<byte>.Zero)
        {
            return 0;
        }

        var found = Marks128(h0) | ((ulong)Marks128(h1) << 16) | ((ulong)Marks128(h2) << 32) | ((ulong)Marks128(h3) << 48);
        if (_wordEnd && found != 0)
        {
            var low = t[WordLow128];
            var high = t[WordHigh128];
            found &= ~(Marks128(NibbleTables.LookupAsRead(Vector128.LoadUnsafe(ref p, 1), low, high))
                | ((ulong)Marks128(NibbleTables.LookupAsRead(Vector128.LoadUnsafe(ref p, 17), low, high)) << 16)
                | ((ulong)Marks128(NibbleTables.LookupAsRead(Vector128.LoadUnsafe(ref p, 33), low, high)) << 32)
                | ((ulong)Marks128(NibbleTables.LookupAsRead(Vector128.LoadUnsafe(ref p, 49), low, high)) << 48));
        }

        return found;
    }

    /// <summary>
    /// <see cref="Mark64"/> in 128-bit steps where the processor has 256-bit byte shuffles: for a marker made for 128-bit
    /// steps (<see cref="Create(byte[][], int)"/>), so that a test of them runs on any processor.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong Mark64Narrow(ReadOnlySpan<byte> data, int at)
    {
        if (at < Reach || data.Length - at < 64 + After)
        {
            return MarkPadded(data, at);
        }

        ref var p = ref Unsafe.Add(ref MemoryMarshal.GetReference(data), at);
        var found = Step128(ref p);
        return found == 0 ? 0 : Refine(ref p, found);
    }

    /// <summary>For each of 16 bytes, the buckets whose windows the four bytes up to it may be.</summary>
    /// <param name="p">The first of the 16 bytes; the three before it are read too.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Hits128(ref byte p, Vector128<byte>[] t) =>
        NibbleTables.LookupAsRead(Vector128.LoadUnsafe(ref Unsafe.Subtract(ref p, 3)), t[0], t[1])
        & NibbleTables.LookupAsRead(Vector128.LoadUnsafe(ref Unsafe.Subtract(ref p, 2)), t[2], t[3])
        & NibbleTables.LookupAsRead(Vector128.LoadUnsafe(ref Unsafe.Subtract(ref p, 1)), t[4], t[5])
        & NibbleTables.LookupAsRead(Vector128.LoadUnsafe(ref p), t[6], t[7]);

    /// <summary>The bytes of 16 that are not zero, as a 16-bit mask.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Marks128(Vector128<byte> bytes) =>
        ~Vector128.Equals(bytes, Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFF;
}
