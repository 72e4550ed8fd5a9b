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
    private const int MaxComponentLength = 128;

    public static void Parse(ReadOnlySpan<byte> rest, ref LineFields fields)
    {
        if (!TryParseWindow(rest, ref fields))
        {
            ParseEach(rest, ref fields);
        }
    }

    /// <summary><see cref="Parse"/> one search at a time, for any input.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ParseEach(ReadOnlySpan<byte> rest, ref LineFields fields)
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

            var key = KeyOf(rest[..eq]);
            if (key == Key.None)
            {
                break;
            }

            var isTerminal = key == Key.Terminal;

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

    /// <summary>
    /// <see cref="Parse"/> for the common case, from bit masks of the blanks and '=' of the first 64 bytes: every search
    /// becomes a trailing-zero count. Gives up (and reads nothing) when an answer could lie past those 64 bytes or the
    /// window holds a tab.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool TryParseWindow(ReadOnlySpan<byte> rest, ref LineFields fields)
    {
        if (rest.Length < 64 || !Vector128.IsHardwareAccelerated)
        {
            return false;
        }

        ref var r = ref MemoryMarshal.GetReference(rest);
        ulong blanks, equals;
        if (Vector512.IsHardwareAccelerated)
        {
            var v = Vector512.LoadUnsafe(ref r);
            if (Vector512.EqualsAny(v, Vector512.Create((byte)'\t')))
            {
                return false;
            }

            blanks = Vector512.Equals(v, Vector512.Create((byte)' ')).ExtractMostSignificantBits();
            equals = Vector512.Equals(v, Vector512.Create((byte)'=')).ExtractMostSignificantBits();
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            var a = Vector256.LoadUnsafe(ref r);
            var b = Vector256.LoadUnsafe(ref r, 32);
            var tabs = Vector256.Equals(a, Vector256.Create((byte)'\t')) | Vector256.Equals(b, Vector256.Create((byte)'\t'));
            if (tabs != Vector256<byte>.Zero)
            {
                return false;
            }

            blanks = Vector256.Equals(a, Vector256.Create((byte)' ')).ExtractMostSignificantBits()
                | ((ulong)Vector256.Equals(b, Vector256.Create((byte)' ')).ExtractMostSignificantBits() << 32);
            equals = Vector256.Equals(a, Vector256.Create((byte)'=')).ExtractMostSignificantBits()
                | ((ulong)Vector256.Equals(b, Vector256.Create((byte)'=')).ExtractMostSignificantBits() << 32);
        }
        else
        {
            // 16 bytes at a time, where 256-bit vectors are not accelerated (an x86-64-v2 processor, arm64).
            (blanks, equals) = (0, 0);
            var tabs = Vector128<byte>.Zero;
            for (var q = 0; q < 64; q += 16)
            {
                var v = Vector128.LoadUnsafe(ref r, (nuint)q);
                tabs |= Vector128.Equals(v, Vector128.Create((byte)'\t'));
                blanks |= (ulong)Vector128.Equals(v, Vector128.Create((byte)' ')).ExtractMostSignificantBits() << q;
                equals |= (ulong)Vector128.Equals(v, Vector128.Create((byte)'=')).ExtractMostSignificantBits() << q;
            }

            if (tabs != Vector128<byte>.Zero)
            {
                return false;
            }
        }

        ReadOnlySpan<byte> terminal = default;
        ReadOnlySpan<byte> organization = default;
        var hasTerminal = false;
        var hasOrganization = false;
        var pos = BitOperations.TrailingZeroCount(~blanks);
        while (true)
        {
            if (pos + 13 > 64)
            {
                return false;
            }

            var eq = BitOperations.TrailingZeroCount(equals >> pos);
            if (eq == 0 || eq >= 13)
            {
                break;
            }

            var key = KeyOf(rest.Slice(pos, eq));
            if (key == Key.None)
            {
                break;
            }

            var isTerminal = key == Key.Terminal;

            var value = pos + eq + 1;
            var after = value < 64 ? blanks >> value : 0;
            if (after == 0)
            {
                return false;
            }

            var end = value + BitOperations.TrailingZeroCount(after);
            if (isTerminal)
            {
                terminal = rest[value..end];
                hasTerminal = true;
            }
            else
            {
                organization = rest[value..end];
                hasOrganization = true;
            }

            pos = end + BitOperations.TrailingZeroCount(~(blanks >> end));
            if (pos >= 64)
            {
                return false;
            }
        }

        var blank = blanks >> pos;
        if (blank == 0)
        {
            return false;
        }

        // Nothing is written before here, so that giving up leaves the fields as they were.
        if (hasTerminal)
        {
            fields.Terminal = terminal;
        }

        if (hasOrganization)
        {
            fields.Organization = organization;
        }

        var colon = BitOperations.TrailingZeroCount(blank) - 1;
        if (colon > 0 && rest[pos + colon] == ':')
        {
            fields.Component = rest.Slice(pos, colon);
            pos += colon + 2;
        }

        fields.Message = TrimStart(rest[pos..]);
        return true;
    }

    private enum Key
    {
        None,
        Terminal,
        Organization,
    }

    /// <summary><c>term</c>, <c>terminal</c>, <c>org</c>, <c>organization</c> compared as numbers, by length.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Key KeyOf(ReadOnlySpan<byte> key) => key.Length switch
    {
        3 => key[0] == 'o' && key[1] == 'r' && key[2] == 'g' ? Key.Organization : Key.None,
        4 => MemoryMarshal.Read<uint>(key) == TermKey ? Key.Terminal : Key.None,
        8 => MemoryMarshal.Read<ulong>(key) == TerminalKey ? Key.Terminal : Key.None,
        12 => MemoryMarshal.Read<ulong>(key) == OrganizaKey && MemoryMarshal.Read<uint>(key[8..]) == TionKey ? Key.Organization : Key.None,
        _ => Key.None,
    };

    // "term", "org=", "terminal", "organiza" and "tion" as read: constants, where fields read from spans would be read through
    // the class's static base, a call in a NativeAOT build. The two that BlockScanner.CountPlainLines reads on most lines
    // are inlined by force: in that method the NativeAOT compiler left them calls.

    /// <summary><c>term</c> as read: a pair's key.</summary>
    internal static uint TermKey
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BitConverter.IsLittleEndian ? 0x6D72_6574u : 0x7465_726Du;
    }

    /// <summary><c>org=</c> as read: a pair's key and its <c>=</c>.</summary>
    internal static uint OrgEqualsKey
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => BitConverter.IsLittleEndian ? 0x3D67_726Fu : 0x6F72_673Du;
    }

    private static ulong TerminalKey => BitConverter.IsLittleEndian ? 0x6C61_6E69_6D72_6574ul : 0x7465_726D_696E_616Cul;

    private static ulong OrganizaKey => BitConverter.IsLittleEndian ? 0x617A_696E_6167_726Ful : 0x6F72_6761_6E69_7A61ul;

    private static uint TionKey => BitConverter.IsLittleEndian ? 0x6E6F_6974u : 0x7469_6F6Eu;

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
