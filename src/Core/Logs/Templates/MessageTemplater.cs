using System.IO.Hashing;

namespace PosFleet.Logs.Templates;

/// <summary>
/// Folds the variable parts of a message into <c>&lt;*&gt;</c>, so that "the same error" groups together. The template
/// id is the 64-bit XXH3 hash of the folded bytes: the same on every run and machine.
/// </summary>
/// <remarks>
/// The message is read as words separated by blanks and punctuation (<c>= , ; : ( ) [ ] { } &lt; &gt; | " '</c>).
/// A word is variable when it holds a digit, is a path (<c>/var/x</c>, <c>./x</c>, <c>C:\x</c>), a URL, a host name
/// (<c>mail.example.com</c>) or a <c>host:port</c>, or a month or weekday name; the value of a <c>key=value</c> pair is
/// variable; a call with digits in its arguments (<c>LOCAL(127.0.0.1)</c>) is variable; an empty <c>()</c> or
/// <c>[]</c> is read as holding a variable (it is where one was left out). Consecutive variables, with nothing but
/// blanks or <c>: . ,</c> between them, fold into one <c>&lt;*&gt;</c>, so lists of any length share a template. A
/// quantity in brackets after a blank (<c>1190 bytes (1.16 KB) sent</c>, <c>(35%)</c>) restates the value before it in
/// other units and is left out, so that the message with and without it shares a template; a bound glued to a number,
/// with its unit (<c>lifetime &lt;1 sec</c>), is one variable.
/// Only generic rules: nothing here knows a particular system's messages.
/// </remarks>
internal static class MessageTemplater
{
    public static ReadOnlySpan<byte> Wildcard => "<*>"u8;

    /// <summary>
    /// Folds <paramref name="message"/> into <paramref name="destination"/>, which should be three times as long as the
    /// message (a template longer than the destination is cut short).
    /// </summary>
    /// <returns>The template id.</returns>
    public static ulong Fold(ReadOnlySpan<byte> message, Span<byte> destination, out int written)
    {
        var state = new Writer(destination);
        var i = 0;
        var n = message.Length;
        while (i < n)
        {
            var c = message[i];
            if (LineBlank(c))
            {
                state.Blank();
                i++;
            }
            else if (StartsPath(message, i) && (i == 0 || message[i - 1] is (byte)' ' or (byte)'\t' or (byte)'"' or (byte)'\'' or (byte)'(' or (byte)'['))
            {
                state.Wild();
                i = EndOfPath(message, i);
            }
            else if (c == '=')
            {
                state.Append(c);
                var j = i + 1;
                while (j < n && message[j] is not ((byte)' ' or (byte)'\t' or (byte)',' or (byte)';' or (byte)')' or (byte)']' or (byte)'}' or (byte)'&'))
                {
                    j++;
                }

                if (j > i + 1)
                {
                    state.Wild();
                }

                i = j;
            }
            else if (c == '(' && QuantityAside(message, i) is > 0 and var aside)
            {
                // "1028 bytes (1.00 KB) sent": the same quantity again in other units, written or not; left out.
                i = aside;
            }
            else if (c is (byte)'<' or (byte)'>' or (byte)'~' && i + 1 < n && IsDigit(message[i + 1]) && (i == 0 || LineBlank(message[i - 1])))
            {
                // "<1 sec", ">99%": a bound, with the number it bounds and its unit, is one value ("lifetime <1 sec", "lifetime 00:01").
                var end = i + 1;
                while (end < n && !IsDelimiter(message[end]))
                {
                    end++;
                }

                state.Wild();
                i = PastUnit(message, end);
            }
            else if ((c == '(' && i + 1 < n && message[i + 1] == ')') || (c == '[' && i + 1 < n && message[i + 1] == ']'))
            {
                state.Append(c);
                state.Wild();
                i++;
            }
            else if (IsDelimiter(c))
            {
                state.Append(c);
                i++;
            }
            else
            {
                i = Word(message, i, ref state);
            }
        }

        written = state.Length;
        return XxHash3.HashToUInt64(destination[..written]);
    }

    /// <summary>The template id of already folded bytes (a template from the second stage, <see cref="TemplateMerger"/>).</summary>
    public static ulong IdOf(ReadOnlySpan<byte> template) => XxHash3.HashToUInt64(template);

    private static int Word(ReadOnlySpan<byte> message, int i, ref Writer state)
    {
        var n = message.Length;
        var j = i;
        while (j < n && !IsDelimiter(message[j]))
        {
            j++;
        }

        var word = message[i..j];
        if (j < n && message[j] == '(')
        {
            // A call with digits in its arguments and no blanks: LOCAL(127.127.1.0), QQ(1234).
            var close = message[j..].IndexOf((byte)')');
            if (close > 0)
            {
                var inner = message.Slice(j + 1, close - 1);
                if (inner.IndexOfAny((byte)' ', (byte)'\t') < 0 && inner.IndexOfAnyInRange((byte)'0', (byte)'9') >= 0)
                {
                    state.Wild();
                    return j + close + 1;
                }
            }
        }

        if (j + 2 < n && message[j] == ':' && ((message[j + 1] == '/' && message[j + 2] == '/') || (word.Length == 1 && message[j + 1] == '\\')))
        {
            // A URL (scheme://…) or a Windows path (C:\…).
            state.Wild();
            return EndOfPath(message, j);
        }

        var hostPort = j + 1 < n && message[j] == ':' && IsDigit(message[j + 1]);
        if (hostPort || IsVariable(word))
        {
            state.Wild();
        }
        else
        {
            state.Append(word);
        }

        return j;
    }

    /// <summary>After a number, the unit that goes with it (<c>1 sec</c>, <c>2.5 MB</c>): the index past it, or <paramref name="at"/>.</summary>
    private static int PastUnit(ReadOnlySpan<byte> message, int at)
    {
        if (at + 1 >= message.Length || message[at] != ' ')
        {
            return at;
        }

        var end = at + 1;
        while (end < message.Length && !IsDelimiter(message[end]))
        {
            end++;
        }

        return IsUnit(message[(at + 1)..end]) ? end : at;
    }

    private static bool IsUnit(ReadOnlySpan<byte> word) =>
        word.SequenceEqual("ms"u8) || word.SequenceEqual("s"u8) || word.SequenceEqual("sec"u8) || word.SequenceEqual("secs"u8)
            || word.SequenceEqual("min"u8) || word.SequenceEqual("mins"u8) || word.SequenceEqual("KB"u8) || word.SequenceEqual("MB"u8)
            || word.SequenceEqual("GB"u8) || word.SequenceEqual("kB"u8) || word.SequenceEqual("KiB"u8) || word.SequenceEqual("MiB"u8)
            || word.SequenceEqual("GiB"u8);

    /// <summary>
    /// A quantity in brackets after a blank, <c>(1.00 KB)</c>, <c>(35%)</c>, <c>(3 ms)</c>: a number and its unit.
    /// Returns the index past it, or -1.
    /// </summary>
    private static int QuantityAside(ReadOnlySpan<byte> message, int open)
    {
        var close = message[open..Math.Min(message.Length, open + 24)].IndexOf((byte)')');
        if (close < 3 || open == 0 || message[open - 1] != ' ')
        {
            return -1;
        }

        var inner = message.Slice(open + 1, close - 1);
        var digits = 0;
        while (digits < inner.Length && (IsDigit(inner[digits]) || (digits > 0 && inner[digits] is (byte)'.' or (byte)',')))
        {
            digits++;
        }

        if (digits == 0)
        {
            return -1;
        }

        var unit = inner[digits..];
        unit = !unit.IsEmpty && unit[0] == ' ' ? unit[1..] : unit;
        return unit.SequenceEqual("%"u8) || unit.SequenceEqual("bytes"u8) || IsUnit(unit) ? open + close + 1 : -1;
    }

    /// <summary>An absolute or relative path starts here: <c>/x</c>, <c>./x</c>, <c>../x</c>.</summary>
    private static bool StartsPath(ReadOnlySpan<byte> message, int i) =>
        message[i] == '/' || message[i..].StartsWith("./"u8) || message[i..].StartsWith("../"u8);

    private static int EndOfPath(ReadOnlySpan<byte> message, int i)
    {
        while (i < message.Length && message[i] is not ((byte)' ' or (byte)'\t' or (byte)'"' or (byte)'\'' or (byte)')' or (byte)']'))
        {
            i++;
        }

        // Punctuation that ends a sentence or a clause is not part of the path: "cannot open /x/y: locked".
        while (i > 0 && message[i - 1] is (byte)':' or (byte)',' or (byte)';' or (byte)'.')
        {
            i--;
        }

        return i;
    }

    private static bool IsVariable(ReadOnlySpan<byte> word)
    {
        if (word.IndexOfAnyInRange((byte)'0', (byte)'9') >= 0 || word[0] == '/' || word.IndexOf((byte)'\\') >= 0)
        {
            return true;
        }

        return (word.Length == 3 && IsDateWord(word)) || IsHostName(word);
    }

    /// <summary>Month and weekday names: the parts of a date written out in a message.</summary>
    private static bool IsDateWord(ReadOnlySpan<byte> word)
    {
        // The three letters as one number, lower case (|0x20 also maps some signs onto letters; they never match a name
        // but for '@' and '`', which are not word bytes here): one switch instead of nineteen comparisons.
        var key = (uint)(word[0] | 0x20) | ((uint)(word[1] | 0x20) << 8) | ((uint)(word[2] | 0x20) << 16);
        return key switch
        {
            'j' | ('a' << 8) | ('n' << 16) or 'f' | ('e' << 8) | ('b' << 16) or 'm' | ('a' << 8) | ('r' << 16)
                or 'a' | ('p' << 8) | ('r' << 16) or 'm' | ('a' << 8) | ('y' << 16) or 'j' | ('u' << 8) | ('n' << 16)
                or 'j' | ('u' << 8) | ('l' << 16) or 'a' | ('u' << 8) | ('g' << 16) or 's' | ('e' << 8) | ('p' << 16)
                or 'o' | ('c' << 8) | ('t' << 16) or 'n' | ('o' << 8) | ('v' << 16) or 'd' | ('e' << 8) | ('c' << 16)
                or 'm' | ('o' << 8) | ('n' << 16) or 't' | ('u' << 8) | ('e' << 16) or 'w' | ('e' << 8) | ('d' << 16)
                or 't' | ('h' << 8) | ('u' << 16) or 'f' | ('r' << 8) | ('i' << 16) or 's' | ('a' << 8) | ('t' << 16)
                or 's' | ('u' << 8) | ('n' << 16) => true,
            _ => false,
        };
    }

    /// <summary>A lower-case DNS name: two or more labels, the last of two or three letters (mail.example.com).</summary>
    private static bool IsHostName(ReadOnlySpan<byte> word)
    {
        var lastDot = word.LastIndexOf((byte)'.');
        if (lastDot <= 0 || word.Length - lastDot - 1 is < 2 or > 3)
        {
            return false;
        }

        var previous = (byte)'.';
        for (var k = 0; k < word.Length; k++)
        {
            var b = word[k];
            if (b == '.')
            {
                if (previous == '.')
                {
                    return false;
                }
            }
            else if (!((b >= 'a' && b <= 'z') || (k < lastDot && (b == '-' || IsDigit(b)))))
            {
                return false;
            }

            previous = b;
        }

        return previous != '.';
    }

    private static bool LineBlank(byte c) => c is (byte)' ' or (byte)'\t';

    private static bool IsDigit(byte c) => (uint)(c - '0') <= 9;

    /// <summary>Blanks and <c>= , ; : ( ) [ ] { } &lt; &gt; | " '</c>: one load from a table, on every byte of a selected message.</summary>
    private static bool IsDelimiter(byte c) => Delimiters[c] != 0;

    private static ReadOnlySpan<byte> Delimiters =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // \t
        1, 0, 1, 0, 0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 0, // ' ' " ' ( ) , : ; < = >
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 0, // [ ]
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, // { | }
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    ];

    /// <summary>Writes the template: one blank per run, no trailing blank, consecutive wildcards folded into one.</summary>
    private ref struct Writer(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;
        private int _lastWildcardEnd = -1;
        private int _length;

        public readonly int Length => _length > 0 && _destination[_length - 1] == ' ' ? _length - 1 : _length;

        public void Blank()
        {
            if (_length > 0 && _destination[_length - 1] != ' ')
            {
                Append((byte)' ');
            }
        }

        public void Wild()
        {
            if (_lastWildcardEnd >= 0 && _destination[_lastWildcardEnd.._length].IndexOfAnyExcept(" :.,"u8) < 0)
            {
                // Only blanks and list punctuation since the last wildcard: one wildcard covers both.
                _length = _lastWildcardEnd;
                return;
            }

            Append(Wildcard);
            _lastWildcardEnd = _length;
        }

        public void Append(byte b)
        {
            if (_length < _destination.Length)
            {
                _destination[_length++] = b;
            }
        }

        public void Append(ReadOnlySpan<byte> bytes)
        {
            var n = Math.Min(bytes.Length, _destination.Length - _length);
            bytes[..n].CopyTo(_destination[_length..]);
            _length += n;
        }
    }
}
