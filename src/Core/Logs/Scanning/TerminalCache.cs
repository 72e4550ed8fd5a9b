using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PosFleet.Logs.Scanning;

/// <summary>
/// The counters of the terminals a scanner met lately, by the bytes of their names (at most <see cref="MaxNameLength"/>),
/// two to a set: a selected line from a terminal met before finds its counter and its name's hash by comparing two
/// numbers, without hashing the name or probing the summary. It holds what the summary holds: it is cleared whenever
/// the summary evicts, since a counter it holds might then no longer be the summary's.
/// </summary>
internal sealed class TerminalCache
{
    /// <summary>Longer names are not cached: they are hashed and looked up each time.</summary>
    public const int MaxNameLength = 16;

    /// <summary>512 sets of two: a few hundred terminals fit with few conflicts, in about 40 KB.</summary>
    private const int SetBits = 9;

    private readonly Entry[] _entries = new Entry[2 << SetBits];

    /// <summary>The counter and name hash of <paramref name="name"/>, when cached.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryGet(ReadOnlySpan<byte> name, out ulong hash, [NotNullWhen(true)] out TerminalAggregate? terminal)
    {
        if (name.Length <= MaxNameLength)
        {
            var (low, high) = KeyOf(name);
            ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), SetOf(low, high) * 2);
            if (first.Matches(low, high, name.Length))
            {
                (hash, terminal) = (first.Hash, first.Terminal!);
                return true;
            }

            ref var second = ref Unsafe.Add(ref first, 1);
            if (second.Matches(low, high, name.Length))
            {
                (hash, terminal) = (second.Hash, second.Terminal!);
                return true;
            }
        }

        (hash, terminal) = (0, null);
        return false;
    }

    /// <summary>Caches the counter and name hash of <paramref name="name"/>, which <see cref="TryGet"/> missed; the set's older entry makes room.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<byte> name, ulong hash, TerminalAggregate terminal)
    {
        if (name.Length > MaxNameLength)
        {
            return;
        }

        var (low, high) = KeyOf(name);
        ref var first = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(_entries), SetOf(low, high) * 2);
        Unsafe.Add(ref first, 1) = first;
        first = new Entry { Low = low, High = high, Length = name.Length, Hash = hash, Terminal = terminal };
    }

    /// <summary>Forgets every terminal.</summary>
    public void Clear() => Array.Clear(_entries);

    /// <summary>
    /// Two numbers that, with the length, tell every name of up to 16 bytes apart: its first and last eight bytes
    /// (overlapping below 16), four below 8, the bytes themselves below 4.
    /// </summary>
    private static (ulong Low, ulong High) KeyOf(ReadOnlySpan<byte> name)
    {
        ref var r = ref MemoryMarshal.GetReference(name);
        var n = name.Length;
        if (n >= 8)
        {
            return (Unsafe.ReadUnaligned<ulong>(ref r), Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref r, n - 8)));
        }

        if (n >= 4)
        {
            return (Unsafe.ReadUnaligned<uint>(ref r), Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref r, n - 4)));
        }

        ulong low = 0;
        for (var i = 0; i < n; i++)
        {
            low |= (ulong)name[i] << (8 * i);
        }

        return (low, 0);
    }

    private static int SetOf(ulong low, ulong high) => (int)((((low * 0x9E3779B97F4A7C15UL) ^ high) * 0xC2B2AE3D27D4EB4FUL) >> (64 - SetBits));

    private struct Entry
    {
        public ulong Low;
        public ulong High;
        public ulong Hash;
        public TerminalAggregate? Terminal;
        public int Length;

        public readonly bool Matches(ulong low, ulong high, int length) => Low == low && High == high && Length == length && Terminal is not null;
    }
}
