using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PosFleet.Logs.Classification;

/// <content>The search 16 bytes at a time, where 256-bit byte shuffles are not taken: an x86-64-v2 processor (SSSE3) and arm64 (AdvSimd).</content>
internal sealed partial class KeywordMatcher
{
    /// <summary>The same search 16 bytes at a time, where 256-bit byte shuffles are not taken (an x86-64-v2 processor, arm64).</summary>
    [SkipLocalsInit]
    private ulong Find128(ReadOnlySpan<byte> message, int room)
    {
        var t = _tables128!;
        var (lo0, hi0, lo1, hi1, lo2, hi2) = (t[0], t[1], t[2], t[3], t[4], t[5]);
        ulong found = 0;
        var n = message.Length;
        var last = n - Prefix;
        ref var m = ref MemoryMarshal.GetReference(message);
        Span<byte> pad = stackalloc byte[32];
        for (var i = 0; i <= last; i += 16)
        {
            Vector128<byte> b0, b1, b2;
            if (i + 16 + Prefix - 1 <= room)
            {
                b0 = Vector128.LoadUnsafe(ref m, (nuint)i);
                b1 = Vector128.LoadUnsafe(ref m, (nuint)i + 1);
                b2 = Vector128.LoadUnsafe(ref m, (nuint)i + 2);
            }
            else
            {
                pad.Clear();
                message[i..].CopyTo(pad);
                ref var p = ref MemoryMarshal.GetReference(pad);
                b0 = Vector128.LoadUnsafe(ref p);
                b1 = Vector128.LoadUnsafe(ref p, 1);
                b2 = Vector128.LoadUnsafe(ref p, 2);
            }

            var hits = NibbleTables.Lookup(b0, lo0, hi0) & NibbleTables.Lookup(b1, lo1, hi1) & NibbleTables.Lookup(b2, lo2, hi2);
            found = VerifyEach(message, i, ~Vector128.Equals(hits, Vector128<byte>.Zero).ExtractMostSignificantBits() & 0xFFFF, found);
        }

        return found;
    }
}
