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
        rest = TrimStart(rest);
        while (true)
        {
            var eq = rest.IndexOf((byte)'=');
            if (eq <= 0 || eq > 12)
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
            var end = value.IndexOf((byte)' ');
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

        var colon = rest.IndexOf(": "u8);
        if (colon > 0 && colon <= MaxComponentLength && rest[..colon].IndexOf((byte)' ') < 0)
        {
            fields.Component = rest[..colon];
            rest = rest[(colon + 2)..];
        }

        fields.Message = TrimStart(rest);
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
