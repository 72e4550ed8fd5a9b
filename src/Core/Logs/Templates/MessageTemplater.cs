using System.IO.Hashing;

namespace PosFleet.Logs.Templates;

/// <summary>
/// Folds the variable parts of a message (numbers, hex ids, GUIDs, IP addresses, paths, quoted strings, values of
/// key=value pairs) into <c>&lt;*&gt;</c>, so that "the same error" groups together. The template id is the 64-bit
/// XXH3 hash of the folded bytes: the same on every run and machine.
/// </summary>
internal static class MessageTemplater
{
    public static ReadOnlySpan<byte> Wildcard => "<*>"u8;

    /// <summary>Folds <paramref name="message"/> into <paramref name="destination"/> (at least as long as the message plus 3 bytes).</summary>
    /// <returns>The template id.</returns>
    public static ulong Fold(ReadOnlySpan<byte> message, Span<byte> destination, out int written)
    {
        var w = 0;
        var i = 0;
        while (i < message.Length)
        {
            var c = message[i];
            if (c is (byte)' ' or (byte)'\t')
            {
                // Runs of blanks fold to one space.
                if (w > 0 && destination[w - 1] != ' ')
                {
                    destination[w++] = (byte)' ';
                }

                i++;
                continue;
            }

            if (c is (byte)'"' or (byte)'\'')
            {
                var close = message[(i + 1)..].IndexOf(c);
                if (close >= 0)
                {
                    w = Append(destination, w, Wildcard);
                    i += close + 2;
                    continue;
                }
            }

            var end = i;
            while (end < message.Length && message[end] is not ((byte)' ' or (byte)'\t'))
            {
                end++;
            }

            w = FoldToken(message[i..end], destination, w);
            i = end;
        }

        if (w > 0 && destination[w - 1] == ' ')
        {
            w--;
        }

        written = w;
        return XxHash3.HashToUInt64(destination[..w]);
    }

    private static int FoldToken(ReadOnlySpan<byte> token, Span<byte> destination, int w)
    {
        var eq = token.IndexOf((byte)'=');
        if (eq > 0 && eq < token.Length - 1)
        {
            w = Append(destination, w, token[..(eq + 1)]);
            var value = token[(eq + 1)..];
            var trail = TrailingPunctuation(value);
            w = Append(destination, w, Wildcard);
            return Append(destination, w, value[(value.Length - trail)..]);
        }

        if (IsVariable(token))
        {
            var trail = TrailingPunctuation(token);
            w = Append(destination, w, Wildcard);
            return Append(destination, w, token[(token.Length - trail)..]);
        }

        return Append(destination, w, token);
    }

    private static bool IsVariable(ReadOnlySpan<byte> token)
    {
        if (token.IndexOfAnyInRange((byte)'0', (byte)'9') >= 0)
        {
            return true;
        }

        if (token[0] == '/' || token.IndexOf((byte)'\\') >= 0)
        {
            return true;
        }

        return false;
    }

    private static int TrailingPunctuation(ReadOnlySpan<byte> token)
    {
        var n = 0;
        while (n < token.Length - 1 && token[token.Length - 1 - n] is (byte)',' or (byte)';' or (byte)'.' or (byte)')' or (byte)']')
        {
            n++;
        }

        return n;
    }

    private static int Append(Span<byte> destination, int w, ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(destination[w..]);
        return w + bytes.Length;
    }
}
