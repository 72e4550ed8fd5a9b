using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PosFleet.Logs.Classification;

/// <summary>
/// Finds which keywords occur in a message in one pass over its bytes, however many keywords there are: an Aho–Corasick
/// automaton over the ASCII-folded spellings, whose states are a table indexed by (state, byte class), so that each byte
/// of the message costs two loads and a compare. A folded hit is confirmed against the exact spelling, so that a keyword
/// is found exactly where one of its spellings occurs (as <see cref="KeywordMatcher"/> does for small sets). Past
/// <see cref="DenseBudget"/> table entries, the deepest states keep only their own edges and follow their failure links
/// to a state with a full row: memory stays proportional to the keywords' bytes.
/// </summary>
internal sealed partial class KeywordAutomaton
{
    /// <summary>The table entries (4 bytes each) beyond which the deepest states are not given a full row (16 MB).</summary>
    internal const int DenseBudget = 4 << 20;

    private readonly byte[] _classOf = new byte[256];
    private readonly int _classes;
    private readonly int _dense;
    private readonly int[] _delta;
    private readonly int[]? _rows;
    private readonly int[] _fail;
    private readonly int[] _edgeStart;
    private readonly byte[] _edgeClass;
    private readonly int[] _edgeTarget;
    private readonly int[] _outputStart;
    private readonly int[] _outputs;
    private readonly byte[][] _variants;
    private readonly int[] _keywordOfVariant;

    /// <summary>The number of states (one per distinct folded prefix of a spelling).</summary>
    public int States => _fail.Length;

    /// <summary>
    /// Marks in <paramref name="found"/> (one bit per keyword) every keyword that occurs in <paramref name="message"/>,
    /// spelled as one of its variants, and returns the keywords found folded onto 64 bits (keyword <c>k</c> sets bit
    /// <c>k % 64</c>), which is exact when there are 64 keywords or fewer and zero exactly when none occurs.
    /// </summary>
    public ulong Find(ReadOnlySpan<byte> message, Span<ulong> found)
    {
        if (_rows is null)
        {
            return FindThroughFailureLinks(message, found);
        }

        ulong any = 0;
        var row = 0;
        ref var classOf = ref MemoryMarshal.GetArrayDataReference(_classOf);
        ref var rows = ref MemoryMarshal.GetArrayDataReference(_rows);
        ref var m = ref MemoryMarshal.GetReference(message);
        for (var i = 0; i < message.Length; i++)
        {
            var entry = Unsafe.Add(ref rows, row + Unsafe.Add(ref classOf, Unsafe.Add(ref m, i)));
            row = entry & int.MaxValue;
            if (entry < 0)
            {
                any |= Confirm(message, i + 1, row / _classes, found);
            }
        }

        return any;
    }

    private ulong FindThroughFailureLinks(ReadOnlySpan<byte> message, Span<ulong> found)
    {
        ulong any = 0;
        var s = 0;
        var classes = _classes;
        ref var classOf = ref MemoryMarshal.GetArrayDataReference(_classOf);
        ref var delta = ref MemoryMarshal.GetArrayDataReference(_delta);
        ref var outputStart = ref MemoryMarshal.GetArrayDataReference(_outputStart);
        for (var i = 0; i < message.Length; i++)
        {
            var c = Unsafe.Add(ref classOf, message[i]);
            s = s < _dense ? Unsafe.Add(ref delta, (s * classes) + c) : Step(s, c);

            // A state that ends some spelling (its own or one of its suffixes') has a non-empty output range.
            if (Unsafe.Add(ref outputStart, s) != Unsafe.Add(ref outputStart, s + 1))
            {
                any |= Confirm(message, i + 1, s, found);
            }
        }

        return any;
    }

    /// <summary><see cref="Find(ReadOnlySpan{byte}, Span{ulong})"/> for 64 keywords or fewer.</summary>
    public ulong Find(ReadOnlySpan<byte> message)
    {
        Span<ulong> found = stackalloc ulong[1];
        return Find(message, found);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private ulong Confirm(ReadOnlySpan<byte> message, int end, int state, Span<ulong> found)
    {
        ulong any = 0;
        for (var o = _outputStart[state]; o < _outputStart[state + 1]; o++)
        {
            var v = _outputs[o];
            var spelling = _variants[v];
            if (message[(end - spelling.Length)..end].SequenceEqual(spelling) && WholeWord.IsBounded(message, end - spelling.Length, end, spelling))
            {
                var k = _keywordOfVariant[v];
                if ((uint)(k >> 6) < (uint)found.Length)
                {
                    found[k >> 6] |= 1UL << k;
                }

                any |= 1UL << k;
            }
        }

        return any;
    }

    /// <summary>The transition from <paramref name="state"/> on a byte of class <paramref name="c"/>, through failure links.</summary>
    private int Step(int state, byte c)
    {
        while (state >= _dense)
        {
            for (var e = _edgeStart[state]; e < _edgeStart[state + 1]; e++)
            {
                if (_edgeClass[e] == c)
                {
                    return _edgeTarget[e];
                }
            }

            state = _fail[state];
        }

        return _delta[(state * _classes) + c];
    }

    private static byte Fold(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b | 0x20) : b;
}
