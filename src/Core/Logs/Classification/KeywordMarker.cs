using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PosFleet.Logs.Classification;

/// <summary>
/// Marks, in one pass over a block, the few places where a keyword may end, so that a line with no mark is known to hold
/// no keyword without a search of its own. The tables look a keyword up by its last four bytes, case-folded, followed by
/// a byte that is not a word byte (keywords match whole words): in text about printers, payments and connections the
/// last bytes of <c>printer offline</c> or <c>card declined</c> followed by a word's end are rarer than their first
/// bytes, which begin common words (<c>printer</c>, <c>payment</c>). The four-byte windows are spread over eight buckets
/// of nibble tables (the "Teddy" technique of Hyperscan and ripgrep, here on the end of the keyword; see
/// <see cref="KeywordBuckets"/>); a hit of the tables is kept only when its four folded bytes are one of the windows,
/// and the eight bytes up to it a keyword's end (all of a shorter keyword). A mark is a superset: the line's own search
/// (<see cref="LogClassifier.FindKeywords(ReadOnlySpan{byte})"/>) decides.
/// </summary>
internal sealed partial class KeywordMarker
{
    /// <summary>How many bytes of each keyword's end the tables look up.</summary>
    public const int Window = 4;

    private const int ExactBits = 4096;

    /// <summary>Bytes the tables read before the first position of a 64-byte step.</summary>
    private const int Before = Window - 1;

    /// <summary>Bytes the word-end check reads after the last position of a 64-byte step.</summary>
    private const int After = 1;

    /// <summary>How many bytes of each keyword's end a mark's exact check compares (all of a shorter keyword).</summary>
    public const int Tail = 8;

    /// <summary>Bytes the exact check reads before the first position of a 64-byte step.</summary>
    private const int Reach = Tail - 1;

    // Where the word classes are in the 512-bit and 128-bit tables.
    private const int WordLow512 = Window * 2;
    private const int WordHigh512 = WordLow512 + 1;
    private const int WordLow128 = WordLow512;
    private const int WordHigh128 = WordHigh512;

    private readonly Vector256<byte>[] _tables = new Vector256<byte>[Window * 2];

    // The same tables for 512-bit steps, and the word classes (WordClassLow, WordClassHigh) at these indices after them;
    // null where those steps are not taken.
    private readonly Vector512<byte>[]? _tables512;

    // The word classes for 256-bit steps, read from the instance: a static property's vector is made by a call at each use.
    private readonly Vector256<byte> _wordLow = WordClassLow;
    private readonly Vector256<byte> _wordHigh = WordClassHigh;

    // The exact check: first the window's slot in this bit set (512 bytes, where most table hits that are no window stop),
    // then the keywords' tails of that slot. _tailStart alone would decide, but is 16 KiB to read from.
    private readonly ulong[] _exact = new ulong[ExactBits / 64];

    // The keywords' last Tail bytes, folded, with the mask of those a keyword has (the last ones, for a shorter keyword),
    // by the exact slot of their window: those of slot s are _tails[_tailStart[s].._tailStart[s + 1]].
    private readonly (ulong Value, ulong Mask)[] _tails;
    private readonly int[] _tailStart = new int[ExactBits + 1];
    private readonly bool _wordEnd;
    private readonly bool _wide;

    // Where 256-bit byte shuffles are not taken (a processor without AVX2, an arm64 one, or a test's choice): the tables
    // and word classes for 128-bit steps (SSSE3's or AdvSimd's byte shuffles), null elsewhere.
    private readonly Vector128<byte>[]? _tables128;

    // Every window byte is ASCII: a byte as read needs no mask to look up its low nibble (a byte shuffle gives 0 for an
    // index with its high bit set, the answer for a non-ASCII byte, which no window holds).
    private readonly bool _ascii;

    /// <summary>
    /// The prefilter for these spellings, or <see langword="null"/> where it cannot serve: no spelling, one shorter than
    /// <see cref="Window"/> bytes or holding a line break, or a processor without byte shuffles (x64 without SSSE3).
    /// </summary>
    public static KeywordMarker? Create(byte[][] variants) => Create(variants, width: 512);

    /// <summary>
    /// As <see cref="Create(byte[][])"/>, with steps of <paramref name="width"/> bits (128, 256 or 512) at most: the
    /// widest that the processor accelerates up to that. 256 gives the steps a NativeAOT build for x86-64-v3 takes, whose
    /// baseline has no 512-bit byte shuffles; 128 those of an x86-64-v2 build and of arm64.
    /// </summary>
    internal static KeywordMarker? Create(byte[][] variants, int width) =>
        (Avx2.IsSupported && Vector256.IsHardwareAccelerated || NibbleTables.Shuffles128) && variants.Length > 0
            && Array.TrueForAll(variants, v => v.Length >= Window && !v.AsSpan().ContainsAny((byte)'\n', (byte)'\r'))
            ? new KeywordMarker(variants, width)
            : null;

    /// <summary>Whether the processor has 256-bit byte shuffles: a constant, in a NativeAOT build and once compiled.</summary>
    private static bool Shuffles256 => Avx2.IsSupported && Vector256.IsHardwareAccelerated;

    /// <summary>
    /// The positions of <c>data[at..at + 64)</c> where a keyword may end, as a bit mask (bit <c>i</c> for <c>at + i</c>);
    /// none at or past the end of <paramref name="data"/>. One call per step, the tables read from memory at each call:
    /// kept in registers across steps, with the word classes and constants, they are more than the 16 vector registers
    /// of the 256-bit instruction set hold, and the spills cost more than the loads.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    public ulong Mark64(ReadOnlySpan<byte> data, int at) => Shuffles256 && _tables128 is not null ? Mark64Narrow(data, at) : Mark64Inlined(data, at);

    /// <summary>
    /// <see cref="Mark64"/> compiled into its caller: for a loop that takes a step or two at a time between other work (a
    /// line's message), where the call costs more than the tables' loads. A loop of steps alone calls <see cref="Mark64"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Mark64Inlined(ReadOnlySpan<byte> data, int at)
    {
        if (at < Reach || data.Length - at < 64 + After)
        {
            // The first step of the block and its last are read from a padded copy.
            return MarkPadded(data, at);
        }

        ref var p = ref Unsafe.Add(ref MemoryMarshal.GetReference(data), at);
        // Where the processor has 512-bit byte shuffles (a JIT build on such a processor; the NativeAOT baseline has none),
        // a step is one lookup per window byte instead of two. The ASCII choice is made here, once per step, so that each
        // inlined copy of Step256 has its lookups compiled for a constant.
        // Without 256-bit byte shuffles (an x86-64-v2 processor, arm64), 128-bit steps. Where the processor has them, a
        // marker made for 128-bit steps (a test's) takes them in Mark64 alone, and 256-bit ones here: its caller's loop is
        // compiled with no trace of them. (The checks are the intrinsics themselves, not Shuffles256: the JIT folds those
        // as it reads the method, before it spends any of the caller's inlining budget on the branch not taken.)
        var found = Avx512BW.IsSupported && Vector512.IsHardwareAccelerated && _wide ? Step512(ref p)
            : !(Avx2.IsSupported && Vector256.IsHardwareAccelerated) ? Step128(ref p)
            : _ascii ? Step256(ref p, ascii: true)
            : Step256(ref p, ascii: false);
        return found == 0 ? 0 : Refine(ref p, found);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    [SkipLocalsInit]
    private ulong MarkPadded(ReadOnlySpan<byte> data, int at)
    {
        // The first and last steps of a block, from a copy with zeros around it: a zero ends a word, and folds to a blank.
        // A keyword's tail may start with a blank (" offline", of "printer offline"): "offline" at the very start of a
        // block is then marked, one more mark than needed, which the line's own search drops.
        Span<byte> pad = stackalloc byte[Reach + 64 + After + 32];
        pad.Clear();
        var from = Math.Max(0, at - Reach);
        var to = Math.Min(data.Length, at + 64 + After);
        if (to > from)
        {
            data[from..to].CopyTo(pad[(Reach - (at - from))..]);
        }

        ref var p = ref Unsafe.Add(ref MemoryMarshal.GetReference(pad), Reach);
        var marks = Refine(ref p, Shuffles256 && _tables128 is null ? Step256(ref p, ascii: false) : Step128(ref p));
        var valid = data.Length - at;
        return valid >= 64 ? marks : marks & ((1UL << Math.Max(valid, 0)) - 1);
    }

    /// <summary>The positions of 64 bytes where the tables admit a window ending there and, where it matters, a word ending.</summary>
    /// <param name="p">The step's first byte; the three before it and the one after its last are read too.</param>
    /// <param name="ascii">Whether the low nibbles are looked up unmasked (<see cref="_ascii"/>).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Step256(ref byte p, bool ascii)
    {
        var t = _tables;
        return Half(ref p, t, ascii) | ((ulong)Half(ref Unsafe.Add(ref p, 32), t, ascii) << 32);
    }

    /// <summary>As <see cref="Step256"/>, for 32 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Half(ref byte p, Vector256<byte>[] t, bool ascii)
    {
        var hits = NibbleTables.LookupAsRead(Vector256.LoadUnsafe(ref Unsafe.Subtract(ref p, 3)), t[0], t[1], ascii)
            & NibbleTables.LookupAsRead(Vector256.LoadUnsafe(ref Unsafe.Subtract(ref p, 2)), t[2], t[3], ascii)
            & NibbleTables.LookupAsRead(Vector256.LoadUnsafe(ref Unsafe.Subtract(ref p, 1)), t[4], t[5], ascii)
            & NibbleTables.LookupAsRead(Vector256.LoadUnsafe(ref p), t[6], t[7], ascii);
        var marks = ~Vector256.Equals(hits, Vector256<byte>.Zero).ExtractMostSignificantBits();
        if (_wordEnd && marks != 0)
        {
            marks &= ~WordBytes(Vector256.LoadUnsafe(ref p, 1), _wordLow, _wordHigh);
        }

        return marks;
    }

    /// <summary>
    /// Keeps the marks where a keyword's last bytes, folded, end: their four bytes one of the windows (the tables admit
    /// some others), then the eight bytes up to the mark those of a keyword's end. A word that only shares its last four
    /// bytes with a keyword (the "low paper" of a POS log, against "out of paper") is no mark.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private ulong Refine(ref byte p, ulong marks)
    {
        var kept = marks;
        while (marks != 0)
        {
            var i = BitOperations.TrailingZeroCount(marks);
            marks &= marks - 1;
            var w = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref p, i - Before)) | 0x20202020u;
            var slot = NibbleTables.Slot(w);
            if ((_exact[slot >> 6] & (1UL << (slot & 63))) == 0 || !EndsKeyword(Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref p, i - Reach)), slot))
            {
                kept &= ~(1UL << i);
            }
        }

        return kept;
    }

    /// <summary>Whether <paramref name="eight"/>, the eight bytes up to a mark, end with one of the keywords whose window has <paramref name="slot"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool EndsKeyword(ulong eight, int slot)
    {
        var folded = eight | 0x2020202020202020UL;
        foreach (var (value, mask) in _tails.AsSpan(_tailStart[slot], _tailStart[slot + 1] - _tailStart[slot]))
        {
            if ((folded & mask) == value)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A spelling's last <see cref="Tail"/> bytes, folded, as read little-endian, and the mask of those it has.</summary>
    private static (ulong Value, ulong Mask) TailOf(byte[] variant)
    {
        var n = Math.Min(variant.Length, Tail);
        ulong value = 0;
        for (var k = 0; k < n; k++)
        {
            value |= (ulong)(variant[variant.Length - n + k] | 0x20) << (8 * (Tail - n + k));
        }

        var mask = n == Tail ? ulong.MaxValue : ulong.MaxValue << (8 * (Tail - n));
        return (value, mask);
    }

    /// <summary>
    /// Which of 32 bytes are word bytes (<see cref="WholeWord.IsWordByte"/>: letters, digits, <c>_</c>, <c>-</c>, and
    /// non-ASCII), as a bit mask: per byte, a class bit from its low nibble and one from its high nibble must agree.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint WordBytes(Vector256<byte> bytes, Vector256<byte> low, Vector256<byte> high) =>
        ~Vector256.Equals(NibbleTables.LookupAsRead(bytes, low, high), Vector256<byte>.Zero).ExtractMostSignificantBits();

    // The classes of WordBytes, by low and by high nibble (the same 16 bytes in both 128-bit lanes). Bits: 1 digits
    // (0x30-0x39), 2 letters 0x41-0x4F and 0x61-0x6F, 4 letters 0x50-0x5A and 0x70-0x7A, 8 '-' (0x2D), 16 '_' (0x5F),
    // 32 non-ASCII (0x80-0xFF).
    private static Vector256<byte> WordClassLow => Vector256.Create(
        (byte)(1 | 4 | 32), 1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32,
        1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 2 | 4 | 32, 2 | 32, 2 | 32, 2 | 8 | 32, 2 | 32, 2 | 16 | 32,
        1 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 1 | 2 | 4 | 32,
        1 | 2 | 4 | 32, 1 | 2 | 4 | 32, 2 | 4 | 32, 2 | 32, 2 | 32, 2 | 8 | 32, 2 | 32, 2 | 16 | 32);

    private static Vector256<byte> WordClassHigh => Vector256.Create(
        (byte)0, 0, 8, 1, 2, 4 | 16, 2, 4, 32, 32, 32, 32, 32, 32, 32, 32,
        0, 0, 8, 1, 2, 4 | 16, 2, 4, 32, 32, 32, 32, 32, 32, 32, 32);

}
