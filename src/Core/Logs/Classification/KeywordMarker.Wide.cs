using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PosFleet.Logs.Classification;

/// <content>The steps of 64 bytes in one lookup per window byte, where the processor has 512-bit byte shuffles.</content>
internal sealed partial class KeywordMarker
{
    /// <summary>The positions of 64 bytes where the tables admit a window ending there and, where it matters, a word ending.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ulong Step512(ref byte p)
    {
        var t = _tables512!;
        var hits = NibbleTables.LookupAsRead(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref p, 3)), t[0], t[1])
            & NibbleTables.LookupAsRead(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref p, 2)), t[2], t[3])
            & NibbleTables.LookupAsRead(Vector512.LoadUnsafe(ref Unsafe.Subtract(ref p, 1)), t[4], t[5])
            & NibbleTables.LookupAsRead(Vector512.LoadUnsafe(ref p), t[6], t[7]);
        var found = ~Vector512.Equals(hits, Vector512<byte>.Zero).ExtractMostSignificantBits();
        if (_wordEnd && found != 0)
        {
            found &= ~WordBytes(Vector512.LoadUnsafe(ref p, 1), t[WordLow512], t[WordHigh512]);
        }

        return found;
    }

    /// <summary>As <see cref="WordBytes(Vector256{byte}, Vector256{byte}, Vector256{byte})"/>, for 64 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong WordBytes(Vector512<byte> bytes, Vector512<byte> low, Vector512<byte> high) =>
        ~Vector512.Equals(NibbleTables.LookupAsRead(bytes, low, high), Vector512<byte>.Zero).ExtractMostSignificantBits();
}
