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
/// second pass over the block. Per line the cost is a trailing-zero count.
/// </summary>
internal ref struct LineSplitter
{
    private const int Chunk = 64;
    private const int PrefetchDistance = 4096;

    private readonly ReadOnlySpan<byte> _data;
    private readonly KeywordMarker? _keywords;
    private int _chunk;
    private int _lineStart;
    private ulong _newlines;
    private ulong _special;
    private bool _carry;
    private ulong _marks;
    private bool _marksCarry;

    /// <param name="data">Whole lines (the last may lack its newline).</param>
    /// <param name="keywords">When given, each line is also told whether a keyword may end in it (see <see cref="Next(out int, out int, out bool, out bool)"/>).</param>
    public LineSplitter(ReadOnlySpan<byte> data, KeywordMarker? keywords = null)
    {
        _data = data;
        _keywords = keywords;
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
        if (_keywords is not null)
        {
            _marks = _keywords.Mark64(_data, _chunk);
        }

        ref var at = ref Unsafe.Add(ref MemoryMarshal.GetReference(_data), _chunk);
        if (_data.Length - _chunk >= Chunk)
        {
            if (Sse.IsSupported)
            {
                // Ask for the bytes a page ahead: a memory-mapped file's next page is otherwise only fetched when touched.
                unsafe
                {
                    Sse.Prefetch0((byte*)Unsafe.AsPointer(ref at) + PrefetchDistance);
                }
            }

            if (Vector512.IsHardwareAccelerated)
            {
                var v = Vector512.LoadUnsafe(ref at);
                _newlines = Vector512.Equals(v, Vector512.Create((byte)'\n')).ExtractMostSignificantBits();
                _special = v.ExtractMostSignificantBits() | Vector512.Equals(v, Vector512<byte>.Zero).ExtractMostSignificantBits();
            }
            else if (Vector256.IsHardwareAccelerated)
            {
                var a = Vector256.LoadUnsafe(ref at);
                var b = Vector256.LoadUnsafe(ref at, 32);
                var nl = Vector256.Create((byte)'\n');
                _newlines = Vector256.Equals(a, nl).ExtractMostSignificantBits() | ((ulong)Vector256.Equals(b, nl).ExtractMostSignificantBits() << 32);
                _special = (a.ExtractMostSignificantBits() | Vector256.Equals(a, Vector256<byte>.Zero).ExtractMostSignificantBits())
                    | ((ulong)(b.ExtractMostSignificantBits() | Vector256.Equals(b, Vector256<byte>.Zero).ExtractMostSignificantBits()) << 32);
            }
            else
            {
                _newlines = 0;
                _special = 0;
                for (var q = 0; q < Chunk; q += 16)
                {
                    var v = Vector128.LoadUnsafe(ref at, (nuint)q);
                    _newlines |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'\n')).ExtractMostSignificantBits() << q;
                    _special |= (ulong)(v.ExtractMostSignificantBits() | Vector128.Equals(v, Vector128<byte>.Zero).ExtractMostSignificantBits()) << q;
                }
            }
        }
        else
        {
            ulong newlines = 0;
            ulong special = 0;
            var tail = _data[_chunk..];
            for (var i = 0; i < tail.Length; i++)
            {
                var c = tail[i];
                newlines |= (c == '\n' ? 1UL : 0) << i;
                special |= (c is 0 or >= 0x80 ? 1UL : 0) << i;
            }

            _newlines = newlines;
            _special = special;
        }

        return true;
    }
}
