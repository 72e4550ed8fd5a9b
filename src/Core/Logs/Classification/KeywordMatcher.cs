using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PosFleet.Logs.Classification;

/// <summary>
/// Finds which of up to 64 keywords occur in a message in one pass over it. The first three bytes
/// of every spelling, case-folded, are spread over eight buckets of nibble tables (the "Teddy" technique of Hyperscan
/// and ripgrep); per 32 bytes of message, six shuffles mark the few places where some spelling may start, and only
/// those are compared exactly (16 bytes at a time where 256-bit byte shuffles are not taken: an x86-64-v2 processor,
/// arm64). Searching each spelling over the whole block instead costs one pass per spelling. Used
/// only where <see cref="Supports"/> says so; <see cref="KeywordAutomaton"/> covers every other case.
/// </summary>
internal sealed partial class KeywordMatcher
{
    private const int Prefix = 3;
    private const int Buckets = 8;
    private const int HeadFilterBits = 4096;

    // Per slot of the four-byte head's hash, the spellings whose heads land there (null: none, most slots): a direct
    // index, so that a false hit of the fingerprint costs one load, and a true one no hash-table lookup.
    private readonly Spelling[]?[] _bySlot = new Spelling[HeadFilterBits][];
    private readonly Vector256<byte>[] _tables;
    private readonly Vector512<byte>[] _tables512;
    private readonly bool _wide;

    // The tables for 16-byte steps, where 256-bit byte shuffles are not taken (a processor without AVX2, arm64, or a
    // test's choice); null elsewhere.
    private readonly Vector128<byte>[]? _tables128;

    /// <param name="variants">The spellings.</param>
    /// <param name="keywordOfVariant">The keyword each spelling is of.</param>
    /// <param name="width">
    /// The widest steps taken, in bits (128, 256 or 512), where the processor has them: 256 gives the steps of a NativeAOT
    /// build for x86-64-v3, 128 those of an x86-64-v2 build and of arm64.
    /// </param>
    public KeywordMatcher(byte[][] variants, int[] keywordOfVariant, int width = 512)
    {
        if (!Supports(variants, keywordOfVariant.Length == 0 ? 0 : keywordOfVariant.Max() + 1))
        {
            throw new ArgumentException("The packed prefilter takes up to 64 keywords of 4 bytes or more, on a processor with byte shuffles.", nameof(variants));
        }

        _wide = width >= 512 && Vector512.IsHardwareAccelerated && Avx512BW.IsSupported;

        // Keywords that start alike share a bucket, so that a hit in a bucket rarely has to try unrelated keywords.
        // A keyword's group is its first spelling folded; groups are numbered as they first appear.
        var groupOfFolded = new Dictionary<string, int>(StringComparer.Ordinal);
        var bucketOfKeyword = new Dictionary<int, int>();
        for (var v = 0; v < variants.Length; v++)
        {
            if (!bucketOfKeyword.ContainsKey(keywordOfVariant[v]))
            {
                var folded = Fold(variants[v]);
                if (!groupOfFolded.TryGetValue(folded, out var group))
                {
                    group = groupOfFolded.Count;
                    groupOfFolded.Add(folded, group);
                }

                bucketOfKeyword[keywordOfVariant[v]] = group % Buckets;
            }
        }

        var lists = new List<Spelling>[Buckets];
        for (var b = 0; b < Buckets; b++)
        {
            lists[b] = [];
        }

        var tables = new byte[Prefix * 2][];
        for (var t = 0; t < tables.Length; t++)
        {
            tables[t] = new byte[32];
        }

        for (var v = 0; v < variants.Length; v++)
        {
            var bucket = bucketOfKeyword[keywordOfVariant[v]];
            var head = MemoryMarshal.Read<uint>(variants[v]);
            lists[bucket].Add(new Spelling(head, variants[v], keywordOfVariant[v]));
            for (var j = 0; j < Prefix; j++)
            {
                NibbleTables.Add(tables[2 * j], tables[(2 * j) + 1], variants[v][j] | 0x20, (byte)(1 << bucket));
            }
        }

        // Each slot's spellings in bucket order, then in the order they were given.
        foreach (var list in lists)
        {
            foreach (var spelling in list)
            {
                var slot = NibbleTables.Slot(spelling.Head);
                _bySlot[slot] = [.. _bySlot[slot] ?? [], spelling];
            }
        }

        _tables = new Vector256<byte>[tables.Length];
        _tables512 = new Vector512<byte>[tables.Length];
        for (var t = 0; t < tables.Length; t++)
        {
            _tables[t] = Vector256.Create(tables[t]);
            _tables512[t] = Vector512.Create(_tables[t], _tables[t]);
        }

        if (width < 256 || !(Avx2.IsSupported && Vector256.IsHardwareAccelerated))
        {
            _tables128 = new Vector128<byte>[tables.Length];
            for (var t = 0; t < tables.Length; t++)
            {
                _tables128[t] = _tables[t].GetLower();
            }
        }
    }

    /// <summary>
    /// Whether the packed prefilter serves these spellings on this processor: 64 keywords or fewer (a bit each), every
    /// spelling 4 bytes or longer, and byte shuffles that the hardware accelerates (AVX2's 256-bit ones, or the 128-bit
    /// ones of SSSE3 and arm64's AdvSimd).
    /// </summary>
    public static bool Supports(byte[][] variants, int keywords) =>
        (Avx2.IsSupported && Vector256.IsHardwareAccelerated || NibbleTables.Shuffles128)
        && keywords is > 0 and <= 64 && Array.TrueForAll(variants, v => v.Length >= 4);

    /// <summary>The keywords (as a bit mask) that occur in <paramref name="message"/>, spelled as one of their variants.</summary>
    public ulong Find(ReadOnlySpan<byte> message) => Find(message, message);

    /// <summary>
    /// Like <see cref="Find(ReadOnlySpan{byte})"/> for a message that starts <paramref name="readable"/>: the bytes after
    /// the message (the rest of a block) may be loaded, and are ignored, which spares copying the message's tail.
    /// </summary>
    [SkipLocalsInit]
    public ulong Find(ReadOnlySpan<byte> message, ReadOnlySpan<byte> readable)
    {
        if (readable.Length < message.Length || !Unsafe.AreSame(ref MemoryMarshal.GetReference(message), ref MemoryMarshal.GetReference(readable)))
        {
            readable = message;
        }

        if (_wide)
        {
            return Find512(message, readable.Length);
        }

        if (!(Avx2.IsSupported && Vector256.IsHardwareAccelerated) || _tables128 is not null)
        {
            return Find128(message, readable.Length);
        }

        var lo0 = _tables[0];
        var hi0 = _tables[1];
        var lo1 = _tables[2];
        var hi1 = _tables[3];
        var lo2 = _tables[4];
        var hi2 = _tables[5];
        ulong found = 0;
        var n = message.Length;
        var last = n - Prefix;
        var room = readable.Length;
        ref var m = ref MemoryMarshal.GetReference(message);
        Span<byte> pad = stackalloc byte[64];
        for (var i = 0; i <= last; i += 32)
        {
            Vector256<byte> b0, b1, b2;
            if (i + 32 + Prefix - 1 <= room)
            {
                b0 = Vector256.LoadUnsafe(ref m, (nuint)i);
                b1 = Vector256.LoadUnsafe(ref m, (nuint)i + 1);
                b2 = Vector256.LoadUnsafe(ref m, (nuint)i + 2);
            }
            else
            {
                // The tail: from a padded copy, so that no load reads past the message's buffer.
                pad.Clear();
                message[i..].CopyTo(pad);
                ref var p = ref MemoryMarshal.GetReference(pad);
                b0 = Vector256.LoadUnsafe(ref p);
                b1 = Vector256.LoadUnsafe(ref p, 1);
                b2 = Vector256.LoadUnsafe(ref p, 2);
            }

            var hits = NibbleTables.Lookup(b0, lo0, hi0) & NibbleTables.Lookup(b1, lo1, hi1) & NibbleTables.Lookup(b2, lo2, hi2);
            found = VerifyEach(message, i, ~Vector256.Equals(hits, Vector256<byte>.Zero).ExtractMostSignificantBits(), found);
        }

        return found;
    }

    /// <summary>The same search 64 bytes at a time, where the processor has 512-bit byte shuffles: most messages fit in one step.</summary>
    [SkipLocalsInit]
    private ulong Find512(ReadOnlySpan<byte> message, int room)
    {
        var lo0 = _tables512[0];
        var hi0 = _tables512[1];
        var lo1 = _tables512[2];
        var hi1 = _tables512[3];
        var lo2 = _tables512[4];
        var hi2 = _tables512[5];
        ulong found = 0;
        var n = message.Length;
        var last = n - Prefix;
        ref var m = ref MemoryMarshal.GetReference(message);
        Span<byte> pad = stackalloc byte[128];
        for (var i = 0; i <= last; i += 64)
        {
            Vector512<byte> b0, b1, b2;
            if (i + 64 + Prefix - 1 <= room)
            {
                b0 = Vector512.LoadUnsafe(ref m, (nuint)i);
                b1 = Vector512.LoadUnsafe(ref m, (nuint)i + 1);
                b2 = Vector512.LoadUnsafe(ref m, (nuint)i + 2);
            }
            else
            {
                pad.Clear();
                message[i..].CopyTo(pad);
                ref var p = ref MemoryMarshal.GetReference(pad);
                b0 = Vector512.LoadUnsafe(ref p);
                b1 = Vector512.LoadUnsafe(ref p, 1);
                b2 = Vector512.LoadUnsafe(ref p, 2);
            }

            var hits = NibbleTables.Lookup(b0, lo0, hi0) & NibbleTables.Lookup(b1, lo1, hi1) & NibbleTables.Lookup(b2, lo2, hi2);
            found = VerifyEach(message, i, ~Vector512.Equals(hits, Vector512<byte>.Zero).ExtractMostSignificantBits(), found);
        }

        return found;
    }

    /// <summary>
    /// Each hit of the fingerprint in the step at <paramref name="i"/> (bit <c>k</c> of <paramref name="candidates"/> for
    /// <c>i + k</c>) where a spelling could start: three bytes or more before the message's end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong VerifyEach(ReadOnlySpan<byte> message, int i, ulong candidates, ulong found)
    {
        var last = message.Length - Prefix;
        while (candidates != 0)
        {
            var lane = BitOperations.TrailingZeroCount(candidates);
            candidates &= candidates - 1;
            if (i + lane > last)
            {
                break;
            }

            found = Verify(message, i + lane, found);
        }

        return found;
    }

    /// <summary>
    /// A hit of the fingerprint at <paramref name="at"/>: a spelling matches exactly or not at all, and its first four
    /// bytes rule out nearly every false hit (a load, inlined in the search loop), and the other spellings of a true one,
    /// before any longer comparison.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Verify(ReadOnlySpan<byte> message, int at, ulong found)
    {
        if (at > message.Length - 4)
        {
            return found;
        }

        var head = Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetReference(message), at));
        var spellings = _bySlot[NibbleTables.Slot(head)];

        // No spelling starts with these four bytes: most hits of the fingerprint end here.
        return spellings is null ? found : Compare(message, at, head, spellings, found);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static ulong Compare(ReadOnlySpan<byte> message, int at, uint head, Spelling[] spellings, ulong found)
    {
        var rest = message[at..];

        // Every spelling whose head lands in this slot: a true occurrence is one of them, whichever bucket it is in.
        foreach (ref readonly var spelling in spellings.AsSpan())
        {
            var bit = 1UL << spelling.Keyword;
            if ((found & bit) == 0 && spelling.Head == head && rest.StartsWith(spelling.Bytes) && WholeWord.IsBounded(message, at, at + spelling.Bytes.Length, spelling.Bytes))
            {
                found |= bit;
            }
        }

        return found;
    }

    private static string Fold(byte[] variant) =>
        string.Create(Math.Min(Prefix, variant.Length), variant, (chars, v) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = (char)(v[i] | 0x20);
            }
        });

    private readonly record struct Spelling(uint Head, byte[] Bytes, int Keyword);
}
