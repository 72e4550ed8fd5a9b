using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace PosFleet.Logs.Classification;

/// <summary>
/// The case-folded byte tables that the vector keyword searches (<see cref="KeywordMatcher"/>, <see cref="KeywordMarker"/>)
/// look bytes up in: per position, one table by the byte's low nibble and one by its high nibble, each holding a bit per
/// bucket; a byte belongs to a bucket when both of its nibbles do (the "Teddy" technique of Hyperscan and ripgrep).
/// <see cref="Lookup(Vector256{byte}, Vector256{byte}, Vector256{byte})"/> folds the bytes it looks up;
/// <see cref="LookupAsRead(Vector256{byte}, Vector256{byte}, Vector256{byte})"/> looks them up as read, in a high table
/// made by <see cref="HighAsRead"/>, and saves the fold.
/// </summary>
internal static class NibbleTables
{
    /// <summary>Adds the (folded) byte <paramref name="folded"/> to bucket <paramref name="bit"/> of a pair of 32-byte tables.</summary>
    public static void Add(byte[] low, byte[] high, int folded, byte bit)
    {
        // The same 16-byte table in both 128-bit lanes: a byte shuffle looks up within its own lane.
        low[folded & 0xF] |= bit;
        low[16 + (folded & 0xF)] |= bit;
        high[folded >> 4] |= bit;
        high[16 + (folded >> 4)] |= bit;
    }

    /// <summary>The buckets each of 32 bytes, case-folded, belongs to (one bit per bucket).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Lookup(Vector256<byte> bytes, Vector256<byte> low, Vector256<byte> high) =>
        // Folding leaves the low nibble as it is: the folded bytes looked up as read in the folded tables.
        LookupAsRead(bytes | Vector256.Create((byte)0x20), low, high);

    /// <summary>The same lookup for 64 bytes, where the processor has 512-bit byte shuffles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> Lookup(Vector512<byte> bytes, Vector512<byte> low, Vector512<byte> high) =>
        LookupAsRead(bytes | Vector512.Create((byte)0x20), low, high);

    /// <summary>
    /// A high-nibble table that answers for a byte as read what <paramref name="folded"/> answers for it case-folded: folding
    /// sets bit 5, which is bit 1 of the high nibble, so nibble <c>h</c> takes the entry of <c>h | 2</c>.
    /// </summary>
    public static byte[] HighAsRead(byte[] folded)
    {
        var asRead = new byte[32];
        for (var i = 0; i < asRead.Length; i++)
        {
            asRead[i] = folded[(i & 16) | (i & 15) | 2];
        }

        return asRead;
    }

    /// <summary>The buckets each of 32 bytes belongs to, case-folded, from a low table and a <see cref="HighAsRead"/> table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> LookupAsRead(Vector256<byte> bytes, Vector256<byte> low, Vector256<byte> highAsRead) =>
        LookupAsRead(bytes, low, highAsRead, lowUnmasked: false);

    /// <summary>
    /// As <see cref="LookupAsRead(Vector256{byte}, Vector256{byte}, Vector256{byte})"/>; where <paramref name="lowUnmasked"/>,
    /// the low nibbles are looked up without masking the high ones off. Only for tables of ASCII bytes: a byte shuffle gives
    /// 0 for an index whose high bit is set, the right answer for a non-ASCII byte, which such tables do not hold.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> LookupAsRead(Vector256<byte> bytes, Vector256<byte> low, Vector256<byte> highAsRead, bool lowUnmasked) =>
        Avx2.Shuffle(low, lowUnmasked ? bytes : bytes & Vector256.Create((byte)0x0F))
        & Avx2.Shuffle(highAsRead, Vector256.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & Vector256.Create((byte)0x0F));

    /// <summary>The same lookup for 64 bytes, where the processor has 512-bit byte shuffles.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<byte> LookupAsRead(Vector512<byte> bytes, Vector512<byte> low, Vector512<byte> highAsRead) =>
        Avx512BW.Shuffle(low, bytes & Vector512.Create((byte)0x0F))
        & Avx512BW.Shuffle(highAsRead, Vector512.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & Vector512.Create((byte)0x0F));

    /// <summary>Whether the processor has 128-bit byte shuffles: SSSE3 (every x86-64-v2 processor) or arm64's AdvSimd.</summary>
    public static bool Shuffles128 => Ssse3.IsSupported || AdvSimd.Arm64.IsSupported;

    /// <summary>The buckets each of 16 bytes, case-folded, belongs to, where <see cref="Shuffles128"/>: the first 16 bytes of each table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> Lookup(Vector128<byte> bytes, Vector128<byte> low, Vector128<byte> high) =>
        LookupAsRead(bytes | Vector128.Create((byte)0x20), low, high);

    /// <summary>The lookup as read for 16 bytes, where <see cref="Shuffles128"/>: the first 16 bytes of each table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<byte> LookupAsRead(Vector128<byte> bytes, Vector128<byte> low, Vector128<byte> highAsRead) =>
        Shuffle(low, bytes & Vector128.Create((byte)0x0F))
        & Shuffle(highAsRead, Vector128.ShiftRightLogical(bytes.AsUInt16(), 4).AsByte() & Vector128.Create((byte)0x0F));

    /// <summary>
    /// <c>table[index]</c> for each of 16 indices below 16: one instruction on either kind of processor (SSSE3's
    /// <c>pshufb</c>, AdvSimd's <c>tbl</c>; they differ only for indices of 16 and more, which are not looked up here).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Shuffle(Vector128<byte> table, Vector128<byte> index) =>
        Ssse3.IsSupported ? Ssse3.Shuffle(table, index)
        : AdvSimd.Arm64.IsSupported ? AdvSimd.Arm64.VectorTableLookup(table, index)
        : Vector128.Shuffle(table, index);

    /// <summary>A 12-bit slot for four bytes read as a number: the index of the exact checks that follow a table hit.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Slot(uint four) => (int)((four * 0x9E3779B1u) >> 20);
}
