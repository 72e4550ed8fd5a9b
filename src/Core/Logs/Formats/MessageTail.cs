using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace PosFleet.Logs.Formats;

/// <summary>
/// Reads what follows the level on a POS line: leading <c>term=</c> / <c>org=</c> pairs, then an optional
/// <c>component:</c>, then the message (<c>term=POS-0027 org=ACME printer: paper out</c>).
/// </summary>
internal static class MessageTail
{
    private const int MaxComponentLength = 64;

    public static void Parse(ReadOnlySpan<byte> rest, ref LineFields fields)
    {
        // Short scalar scans instead of IndexOf over the whole rest: every distance searched here is a few bytes, and
        // this runs on every line in scope.
        rest = TrimStart(rest);
        while (true)
        {
            var eq = IndexOf(rest, (byte)'=', 13);
            if (eq <= 0)
            {
                break;
            }

            var key = rest[..eq];
            var isTerminal = key.SequenceEqual("term"u8) || key.SequenceEqual("terminal"u8);
            var isOrganization = !isTerminal && (key.SequenceEqual("org"u8) || key.SequenceEqual("organization"u8));
            if (!isTerminal && !isOrganization)
            {
                break;
            }

            var value = rest[(eq + 1)..];
            var end = IndexOf(value, (byte)' ', value.Length);
            if (end < 0)
            {
                end = value.Length;
            }

            if (isTerminal)
            {
                fields.Terminal = value[..end];
            }
            else
            {
                fields.Organization = value[..end];
            }

            rest = TrimStart(value[end..]);
        }

        // "component: message": the first ": " with no blank before it, so it ends at the first blank of the rest.
        var blank = IndexOf(rest, (byte)' ', MaxComponentLength + 2);
        var colon = blank - 1;
        if (colon > 0 && rest[colon] == ':')
        {
            fields.Component = rest[..colon];
            rest = rest[(colon + 2)..];
        }

        fields.Message = TrimStart(rest);
    }

    /// <summary>The first <paramref name="value"/> among the first <paramref name="limit"/> bytes of <paramref name="s"/>, or -1.</summary>
    /// <remarks>16 bytes at a time without the call and set-up of a general search: the distances here are short.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int IndexOf(ReadOnlySpan<byte> s, byte value, int limit)
    {
        var n = Math.Min(s.Length, limit);
        if (Vector128.IsHardwareAccelerated && s.Length >= 16)
        {
            ref var r = ref MemoryMarshal.GetReference(s);
            var target = Vector128.Create(value);
            var i = 0;
            for (; i < n; i += 16)
            {
                // The last load ends at the end of the span, overlapping bytes already searched.
                var at = Math.Min(i, s.Length - 16);
                var mask = Vector128.Equals(Vector128.LoadUnsafe(ref r, (nuint)at), target).ExtractMostSignificantBits() >> (i - at);
                if (mask != 0)
                {
                    var found = i + BitOperations.TrailingZeroCount(mask);
                    return found < n ? found : -1;
                }
            }

            return -1;
        }

        for (var i = 0; i < n; i++)
        {
            if (s[i] == value)
            {
                return i;
            }
        }

        return -1;
    }

    public static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> s)
    {
        var i = 0;
        while (i < s.Length && (s[i] == ' ' || s[i] == '\t'))
        {
            i++;
        }

        return s[i..];
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> s)
    {
        s = TrimStart(s);
        var e = s.Length;
        while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t'))
        {
            e--;
        }

        return s[..e];
    }
}
