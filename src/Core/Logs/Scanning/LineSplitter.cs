using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Cuts a block into lines with one vector pass: each 64 bytes give a bit mask of their newlines, and one of their
/// "special" bytes (NUL or non-ASCII), so that a line is told whether it needs the NUL and UTF-8 checks without a
/// second pass over the block. The lines are found a batch at a time (<see cref="NextLines"/>), in a loop of their own
/// whose state stays in registers: a scan's loop over a batch then keeps only its own.
/// </summary>
internal ref struct LineSplitter
{
    /// <summary>In an entry of <see cref="NextLines"/>: the line holds a NUL or a non-ASCII byte.</summary>
    public const ulong SpecialLine = 1UL << 32;

    /// <summary>
    /// In an entry of <see cref="NextLines"/>: the keyword marker marked a place in the line where a keyword may end. In
    /// the entries that <see cref="BlockScanner"/> makes of POS lines, a line whose marks were not looked for is marked
    /// (one to search), and an unmarked line has no mark in its message, which is all that is searched.
    /// </summary>
    public const ulong MarkedLine = 1UL << 33;

    private const int Chunk = 64;
    private const int PrefetchDistance = 4096;

    private readonly ReadOnlySpan<byte> _data;
    private readonly KeywordMarker? _keywords;
    private readonly bool _wide;

    // Where the batches stand: the next 64-byte step to read, the start of the line not yet ended, and whether that line
    // holds a special byte or a mark so far.
    private int _chunk;
    private int _openStart;
    private bool _openSpecial;
    private bool _openMarked;

    // What Next hands out of the current batch.
    private int _next;
    private int _count;
    private int _lineStart;
    private LineEntries _lines;

    /// <param name="data">Whole lines (the last may lack its newline).</param>
    /// <param name="keywords">When given, each line is also told whether a keyword may end in it (see <see cref="Next(out int, out int, out bool, out bool)"/>).</param>
    /// <param name="wide">
    /// <see langword="false"/> to read 32 bytes at a time even where the processor reads 64, as the NativeAOT build
    /// published with the project's x86-64-v3 baseline always does: for tests of that path on any processor.
    /// </param>
    public LineSplitter(ReadOnlySpan<byte> data, KeywordMarker? keywords = null, bool wide = true)
    {
        _data = data;
        _keywords = keywords;
        _wide = wide;
    }

    /// <summary>The next line, <c>[start, end)</c> without its newline; <c>end == data.Length</c> when it has none.</summary>
    /// <param name="start">Where the line starts.</param>
    /// <param name="end">Where its newline is (or the end of the data).</param>
    /// <param name="special">Whether the line holds a NUL or a non-ASCII byte.</param>
    /// <returns><see langword="false"/> at the end of the data.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Next(out int start, out int end, out bool special) => Next(out start, out end, out special, out _);

    /// <summary>
    /// The next line, as <see cref="Next(out int, out int, out bool)"/>, and whether the keyword marker given at
    /// construction marked a place in it where a keyword may end (always <see langword="false"/> without one): a line
    /// with no mark holds no keyword.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Next(out int start, out int end, out bool special, out bool keyword)
    {
        if (_next == _count && !Fill())
        {
            (start, end, special, keyword) = (_data.Length, _data.Length, false, false);
            return false;
        }

        var entry = _lines[_next++];
        start = _lineStart;
        end = (int)(uint)entry;
        special = (entry & SpecialLine) != 0;
        keyword = (entry & MarkedLine) != 0;
        _lineStart = end + 1;
        return true;
    }

    /// <summary>
    /// The next batch of lines, in order, empty at the end of the data: per line, where it ends (its newline, or the end of
    /// the data), in the low 32 bits, with <see cref="SpecialLine"/> and <see cref="MarkedLine"/> above. A line starts one
    /// byte after the one before it ends; the first at 0. Not to be mixed with <see cref="Next(out int, out int, out bool, out bool)"/>.
    /// </summary>
    [UnscopedRef]
    public ReadOnlySpan<ulong> NextLines()
    {
        if (!Fill())
        {
            return default;
        }

        _next = _count;
        return ((ReadOnlySpan<ulong>)_lines)[.._count];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private bool Fill()
    {
        _next = 0;
        _count = 0;
        var data = _data;
        var wide = _wide;
        var chunk = _chunk;
        if (chunk > data.Length)
        {
            return false;
        }

        var (open, special, marked) = (_openStart, _openSpecial, _openMarked);
        var count = 0;
        ref var lines = ref Unsafe.As<LineEntries, ulong>(ref _lines);
        while (count <= LineEntries.Length - Chunk)
        {
            if (chunk >= data.Length)
            {
                // The end of the data: its last line, when it has no newline, ends there.
                if (open < data.Length)
                {
                    Unsafe.Add(ref lines, count++) = (uint)data.Length | (special ? SpecialLine : 0) | (marked ? MarkedLine : 0);
                }

                chunk = data.Length + 1;
                break;
            }

            var newlines = Masks(data, chunk, wide, out var specials);
            var marks = _keywords?.Mark64(data, chunk) ?? 0;

            while (newlines != 0)
            {
                var bit = BitOperations.TrailingZeroCount(newlines);
                newlines &= newlines - 1;
                var before = (1UL << bit) - 1;
                Unsafe.Add(ref lines, count++) = (uint)(chunk + bit)
                    | (special || (specials & before) != 0 ? SpecialLine : 0)
                    | (marked || (marks & before) != 0 ? MarkedLine : 0);
                specials &= ~before;
                marks &= ~before;
                (special, marked) = (false, false);
                open = chunk + bit + 1;
            }

            special |= specials != 0;
            marked |= marks != 0;

            // Never past the end: a batch that fills up on the last step still has the last line (one without a newline)
            // to give, at the next call.
            chunk = Math.Min(chunk + Chunk, data.Length);
        }

        (_chunk, _openStart, _openSpecial, _openMarked) = (chunk, open, special, marked);
        _count = count;
        return count > 0;
    }

    /// <summary>Asks for the bytes a page ahead of <paramref name="p"/>: a memory-mapped file's next page is otherwise only fetched when touched.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void Prefetch(ref byte p)
    {
        if (Sse.IsSupported)
        {
            unsafe
            {
                Sse.Prefetch0((byte*)Unsafe.AsPointer(ref p) + PrefetchDistance);
            }
        }
    }

    /// <summary>The newlines of <c>data[at..at + 64)</c> as a bit mask, and its special bytes (NUL or non-ASCII).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static ulong Masks(ReadOnlySpan<byte> data, int at, bool wide, out ulong special)
    {
        ref var p = ref Unsafe.Add(ref MemoryMarshal.GetReference(data), at);
        if (data.Length - at < Chunk)
        {
            ulong newlines = 0;
            special = 0;
            var tail = data[at..];
            for (var i = 0; i < tail.Length; i++)
            {
                var c = tail[i];
                newlines |= (c == '\n' ? 1UL : 0) << i;
                special |= (c is 0 or >= 0x80 ? 1UL : 0) << i;
            }

            return newlines;
        }

        Prefetch(ref p);

        // A byte is special (NUL or non-ASCII) when, read as a signed byte, it is not above zero: one compare.
        if (Vector512.IsHardwareAccelerated && wide)
        {
            var v = Vector512.LoadUnsafe(ref p);
            special = ~Vector512.GreaterThan(v.AsSByte(), Vector512<sbyte>.Zero).ExtractMostSignificantBits();
            return Vector512.Equals(v, Vector512.Create((byte)'\n')).ExtractMostSignificantBits();
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.LoadUnsafe(ref p);
            var b = Vector256.LoadUnsafe(ref p, 32);
            var nl = Vector256.Create((byte)'\n');
            special = ~(Vector256.GreaterThan(a.AsSByte(), Vector256<sbyte>.Zero).ExtractMostSignificantBits()
                | ((ulong)Vector256.GreaterThan(b.AsSByte(), Vector256<sbyte>.Zero).ExtractMostSignificantBits() << 32));
            return Vector256.Equals(a, nl).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(b, nl).ExtractMostSignificantBits() << 32);
        }

        ulong found = 0;
        special = 0;
        for (var q = 0; q < Chunk; q += 16)
        {
            var v = Vector128.LoadUnsafe(ref p, (nuint)q);
            found |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'\n')).ExtractMostSignificantBits() << q;
            special |= (ulong)(~Vector128.GreaterThan(v.AsSByte(), Vector128<sbyte>.Zero).ExtractMostSignificantBits() & 0xFFFF) << q;
        }

        return found;
    }
}

/// <summary>A batch of lines (<see cref="LineSplitter.NextLines"/>): room for a few hundred, and one more step's worth.</summary>
[InlineArray(Length)]
internal struct LineEntries
{
    public const int Length = 320;

    private ulong _entry;
}
