using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using PosFleet.Logs.Classification;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// Cuts a block into lines in two stages. First, for 16 KiB at a time, one vector pass gives per 64 bytes a bit mask of
/// their newlines, one of their "special" bytes (NUL or non-ASCII), and, with a <see cref="KeywordMarker"/>, one of the
/// places where a keyword may end: tight loops over the bytes, with nothing else in them. Then each line takes its end
/// from the newline mask with a trailing-zero count, and is told whether it needs the NUL and UTF-8 checks and whether it
/// may hold a keyword, without a second look at its bytes.
/// </summary>
internal ref struct LineSplitter
{
    private const int Chunk = 64;

    /// <summary>Steps of 64 bytes marked at once: 16 KiB of text, its masks in 6 KiB.</summary>
    public const int Batch = 256;

    private const int PrefetchDistance = 4096;

    private readonly ReadOnlySpan<byte> _data;
    private readonly KeywordMarker? _keywords;
    private readonly Span<ulong> _masks;
    private int _chunk;
    private int _batchStart;
    private int _batchEnd;
    private int _lineStart;
    private ulong _newlines;
    private ulong _special;
    private bool _carry;
    private ulong _marks;
    private bool _marksCarry;

    /// <param name="data">Whole lines (the last may lack its newline).</param>
    /// <param name="keywords">When given, each line is also told whether a keyword may end in it (see <see cref="Next(out int, out int, out bool, out bool)"/>).</param>
    /// <param name="masks">Room for the masks of a batch (<c>3 × <see cref="Batch"/></c>), reused from block to block; made when not given.</param>
    public LineSplitter(ReadOnlySpan<byte> data, KeywordMarker? keywords = null, Span<ulong> masks = default)
    {
        _data = data;
        _keywords = keywords;
        _masks = masks.Length >= 3 * Batch ? masks : new ulong[3 * Batch];
        _chunk = -Chunk;
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
        while (_newlines == 0)
        {
            if (!NextChunk())
            {
                start = _lineStart;
                end = _data.Length;
                special = _carry;
                keyword = _marksCarry;
                _lineStart = _data.Length;
                return start < _data.Length;
            }
        }

        var bit = BitOperations.TrailingZeroCount(_newlines);
        _newlines &= _newlines - 1;
        var before = (1UL << bit) - 1;
        special = _carry || (_special & before) != 0;
        _special &= ~before;
        _carry = false;
        keyword = _marksCarry || (_marks & before) != 0;
        _marks &= ~before;
        _marksCarry = false;
        start = _lineStart;
        end = _chunk + bit;
        _lineStart = end + 1;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool NextChunk()
    {
        _carry |= _special != 0;
        _special = 0;
        _marksCarry |= _marks != 0;
        _marks = 0;
        if (_data.Length - _chunk <= Chunk)
        {
            _chunk = _data.Length;
            return false;
        }

        _chunk += Chunk;
        if (_chunk >= _batchEnd)
        {
            Fill();
        }

        var i = (_chunk - _batchStart) >> 6;
        _newlines = _masks[i];
        _special = _masks[Batch + i];
        _marks = _masks[(2 * Batch) + i];
        return true;
    }

    /// <summary>The masks of the next batch of steps, from the current one.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Fill()
    {
        var data = _data;
        var from = _chunk;
        var chunks = Math.Min(Batch, (data.Length - from + Chunk - 1) / Chunk);
        var newlines = _masks[..chunks];
        var special = _masks.Slice(Batch, chunks);
        var marks = _masks.Slice(2 * Batch, chunks);
        for (var i = 0; i < chunks; i++)
        {
            (newlines[i], special[i]) = Split(data, from + (i * Chunk));
        }

        if (_keywords is not null)
        {
            _keywords.Mark(data, from, marks);
        }
        else
        {
            marks.Clear();
        }

        _batchStart = from;
        _batchEnd = from + (chunks * Chunk);
    }

    /// <summary>The newlines and the special bytes of <c>data[at..at + 64)</c> (fewer at the end of the data).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (ulong Newlines, ulong Special) Split(ReadOnlySpan<byte> data, int at)
    {
        if (data.Length - at < Chunk)
        {
            ulong newlines = 0;
            ulong special = 0;
            var tail = data[at..];
            for (var i = 0; i < tail.Length; i++)
            {
                var c = tail[i];
                newlines |= (c == '\n' ? 1UL : 0) << i;
                special |= (c is 0 or >= 0x80 ? 1UL : 0) << i;
            }

            return (newlines, special);
        }

        ref var p = ref Unsafe.Add(ref MemoryMarshal.GetReference(data), at);
        if (Sse.IsSupported && data.Length - at > PrefetchDistance)
        {
            // Ask for the bytes a page ahead: a memory-mapped file's next page is otherwise only fetched when touched.
            unsafe
            {
                Sse.Prefetch0((byte*)Unsafe.AsPointer(ref p) + PrefetchDistance);
            }
        }

        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.LoadUnsafe(ref p);
            return (Vector512.Equals(v, Vector512.Create((byte)'\n')).ExtractMostSignificantBits(),
                v.ExtractMostSignificantBits() | Vector512.Equals(v, Vector512<byte>.Zero).ExtractMostSignificantBits());
        }

        if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.LoadUnsafe(ref p);
            var b = Vector256.LoadUnsafe(ref p, 32);
            var nl = Vector256.Create((byte)'\n');
            return (Vector256.Equals(a, nl).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(b, nl).ExtractMostSignificantBits() << 32),
                (a.ExtractMostSignificantBits() | Vector256.Equals(a, Vector256<byte>.Zero).ExtractMostSignificantBits())
                    | ((ulong)(b.ExtractMostSignificantBits() | Vector256.Equals(b, Vector256<byte>.Zero).ExtractMostSignificantBits()) << 32));
        }

        ulong n = 0;
        ulong s = 0;
        for (var q = 0; q < Chunk; q += 16)
        {
            var v = Vector128.LoadUnsafe(ref p, (nuint)q);
            n |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'\n')).ExtractMostSignificantBits() << q;
            s |= (ulong)(v.ExtractMostSignificantBits() | Vector128.Equals(v, Vector128<byte>.Zero).ExtractMostSignificantBits()) << q;
        }

        return (n, s);
    }
}
