using System.Runtime.CompilerServices;

namespace PosFleet.Logs.Formats;

/// <summary>
/// Any layout no other format knows: a timestamp in one of the common shapes (<see cref="TimestampShape"/>) at the start
/// of one of the first words of the line, a level word in the header, the rest the message. Detection learns a file's
/// <see cref="GenericLayout"/> from its first lines (which word holds the timestamp, in which shape; which holds the
/// level); a line without a timestamp is read all the same, untimed.
/// </summary>
internal sealed partial class GenericFormat : LogFormat
{
    /// <summary>Where the header of a line may lie: timestamps and levels are looked for in its first bytes and words only.</summary>
    public const int HeaderBytes = 112;
    public const int MaxWords = 12;
    private const int MaxBracket = 200;
    private const int MaxComponentWords = 64;

    public GenericFormat()
        : base("generic")
    {
    }

    private GenericFormat(GenericLayout layout)
        : base("generic")
    {
        Layout = layout;
    }

    /// <summary>The layout learned from a file's first lines; <see langword="null"/> reads each line on its own.</summary>
    public GenericLayout? Layout { get; }

    public override string Description =>
        "Any layout: a timestamp among the first words (ISO, epoch, yyyy.MM.dd, yyMMdd HHmmss, dd/MMM/yyyy:HH:mm:ss, MMM d HH:mm:ss, HH:mm:ss …) and a level word in the header: - 1117838570 2005.06.03 R02-M1 RAS KERNEL INFO message";

    // Per line of a file in a layout no other format reads: compiled optimized on its first call (on the warm-up's thread
    // in a command-line scan), not run unoptimized while tiering catches up.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        var starts = default(WordStarts);
        Span<int> words = starts;
        var count = Words(line, words);
        var layout = Layout;
        var headerEnd = -1;
        var headerShape = TimestampShape.None;
        var timeWord = -1;
        if (layout is not null && layout.TimeShape != TimestampShape.None && layout.TimeWord < count)
        {
            headerEnd = GenericTimestamps.TryRead(layout.TimeShape, line, Start(line, words[layout.TimeWord]), ref fields);
            if (headerEnd >= 0)
            {
                (headerShape, timeWord) = (layout.TimeShape, layout.TimeWord);
                if (layout.HeaderWord > layout.TimeWord && layout.HeaderWord < count)
                {
                    var probe = new LineFields { DefaultYear = fields.DefaultYear, LatestTicks = fields.LatestTicks };
                    var end = GenericTimestamps.TryRead(layout.HeaderShape, line, Start(line, words[layout.HeaderWord]), ref probe);
                    if (end >= 0)
                    {
                        (headerEnd, headerShape) = (end, layout.HeaderShape);
                    }
                }
            }
        }

        if (headerEnd < 0)
        {
            // Unlearned, or a line that does not follow its file's layout: the first word that starts a timestamp.
            for (var w = 0; w < count && headerEnd < 0; w++)
            {
                var at = Start(line, words[w]);
                foreach (var shape in GenericTimestamps.Shapes)
                {
                    headerEnd = GenericTimestamps.TryRead(shape, line, at, ref fields);
                    if (headerEnd >= 0)
                    {
                        (headerShape, timeWord) = (shape, w);
                        break;
                    }
                }
            }
        }

        var levelEnd = -1;
        if (layout is not null && headerEnd >= 0 && timeWord == layout.TimeWord)
        {
            // A line in its file's layout: the level is where the file keeps it, or nowhere.
            levelEnd = layout.LevelWord >= 0 && layout.LevelWord < count ? ReadLevel(line, words[layout.LevelWord], ref fields) : -1;
        }
        else if (headerEnd < 0 || headerEnd >= line.Length || LineReader.IsBlank(line[headerEnd]) || line[headerEnd] is (byte)']' or (byte)':')
        {
            // The word right after the timestamp, or before it, or the first: "INFO", "[error]", "E:", "<warn>".
            var after = headerEnd < 0 ? 0 : NextWord(words, count, headerEnd);
            levelEnd = after >= 0 && after < count ? ReadLevel(line, words[after], ref fields) : -1;
            if (levelEnd < 0 && timeWord > 0)
            {
                levelEnd = ReadLevel(line, words[timeWord - 1], ref fields);
                levelEnd = levelEnd < 0 ? -1 : headerEnd;
            }
        }

        var start = Math.Max(0, Math.Max(headerEnd, levelEnd));
        ReadTail(line[start..], headerShape, layout?.PipeFields ?? 0, ref fields);
        return true;
    }

    /// <summary>The start of each word among the first <see cref="HeaderBytes"/> bytes; returns how many.</summary>
    internal static int Words(ReadOnlySpan<byte> line, Span<int> words)
    {
        var count = 0;
        var limit = Math.Min(line.Length, HeaderBytes);
        var i = 0;
        while (count < words.Length)
        {
            i = LineReader.SkipBlanks(line, i);
            if (i >= limit)
            {
                break;
            }

            words[count++] = i;
            i = LineReader.NextBlank(line, i);
        }

        return count;
    }

    /// <summary>Where a timestamp in a word starts: past an opening bracket (<c>[10.30 16:49:06]</c>).</summary>
    internal static int Start(ReadOnlySpan<byte> line, int word) =>
        word < line.Length && line[word] is (byte)'[' or (byte)'(' or (byte)'<' ? word + 1 : word;

    /// <summary>The index of the first word starting at or after <paramref name="at"/>, or -1.</summary>
    private static int NextWord(ReadOnlySpan<int> words, int count, int at)
    {
        for (var w = 0; w < count; w++)
        {
            if (words[w] >= at)
            {
                return w;
            }
        }

        return -1;
    }

    /// <summary>The level word at <paramref name="word"/> without its brackets or colon, or empty.</summary>
    internal static ReadOnlySpan<byte> LevelAt(ReadOnlySpan<byte> line, int word, out int end)
    {
        end = LineReader.NextBlank(line, word);
        var token = line[word..end];
        while (!token.IsEmpty && token[0] is (byte)'[' or (byte)'<' or (byte)'(')
        {
            token = token[1..];
        }

        while (!token.IsEmpty && token[^1] is (byte)']' or (byte)'>' or (byte)')' or (byte)':' or (byte)',' or (byte)'|')
        {
            token = token[..^1];
        }

        // Android logcat's brief and time layouts, "E/Tag( 123): message": the level is the letter before the slash.
        if (token.Length >= 3 && token[1] == '/' && token[0] is (byte)'V' or (byte)'D' or (byte)'I' or (byte)'W' or (byte)'E' or (byte)'F' or (byte)'A')
        {
            return token[..1];
        }

        return LevelWords.IsLevelWord(token) ? token : default;
    }

    private static int ReadLevel(ReadOnlySpan<byte> line, int word, ref LineFields fields)
    {
        var level = LevelAt(line, word, out var end);
        if (level.IsEmpty)
        {
            return -1;
        }

        fields.Level = level;
        return end;
    }

    /// <summary>Reads what follows the header: separators, <c>|</c>-fields, syslog's host and tag, a logger and its bracketed context, then the message.</summary>
    private static void ReadTail(ReadOnlySpan<byte> rest, TimestampShape headerShape, int pipeFields, ref LineFields fields)
    {
        rest = MessageTail.TrimStart(rest);
        if (pipeFields > 0 && !rest.IsEmpty && rest[0] == '|')
        {
            for (var f = 0; f < pipeFields; f++)
            {
                var next = rest[1..].IndexOf((byte)'|');
                if (next < 0)
                {
                    break;
                }

                if (f == 0)
                {
                    fields.Component = rest.Slice(1, next);
                }

                rest = rest[(next + 1)..];
            }
        }

        if (!rest.IsEmpty && rest[0] is (byte)':' or (byte)']' or (byte)',' or (byte)'|' or (byte)'>' or (byte)')')
        {
            rest = MessageTail.TrimStart(rest[1..]);
        }

        if (rest.Length > 1 && rest[0] == '-' && rest[1] == ' ')
        {
            rest = MessageTail.TrimStart(rest[2..]);
        }

        if (headerShape == TimestampShape.MonthNameDay && ReadSyslogTag(ref rest, ref fields))
        {
            fields.Message = MessageTail.Trim(rest);
            return;
        }

        for (var i = 0; i < 3 && !rest.IsEmpty; i++)
        {
            if (rest[0] == '[')
            {
                // Context in brackets after the header (a thread, a request id): not part of the message.
                var close = rest[..Math.Min(rest.Length, MaxBracket)].IndexOf((byte)']');
                if (close < 0 || close == rest.Length - 1)
                {
                    break;
                }

                rest = MessageTail.TrimStart(rest[(close + 1)..]);
                continue;
            }

            var blank = LineReader.NextBlank(rest, 0);
            var word = rest[..blank];
            var after = rest[blank..];
            if (after.StartsWith(" ["u8) && word.Contains((byte)'.') && !word.Contains((byte)':'))
            {
                // A logger named before its context: "nova.compute.manager [req-…] message".
                fields.Component = word;
                rest = after[1..];
                continue;
            }

            var dash = rest[..Math.Min(rest.Length, MaxComponentWords)].IndexOf(" - "u8);
            if (dash > 0 && !word.IsEmpty && rest[..dash].Count((byte)' ') <= 1)
            {
                // "chrome.exe - message", "svchost.exe *64 - message": a program, and what it says.
                fields.Component = word;
                rest = rest[(dash + 3)..];
            }

            break;
        }

        var component = fields.Component;
        MessageTail.Parse(rest, ref fields);
        if (fields.Component.IsEmpty)
        {
            fields.Component = component;
        }
    }

    /// <summary>After a syslog timestamp: <c>host tag[pid]: message</c> or <c>tag[pid]: message</c>.</summary>
    private static bool ReadSyslogTag(ref ReadOnlySpan<byte> rest, ref LineFields fields)
    {
        var first = LineReader.NextBlank(rest, 0);
        ReadOnlySpan<byte> host = default;
        var tag = rest[..first];
        var after = rest[first..];
        if (tag.IsEmpty || tag[^1] != ':')
        {
            host = tag;
            after = MessageTail.TrimStart(after);
            var second = LineReader.NextBlank(after, 0);
            tag = after[..second];
            after = after[second..];
            if (tag.IsEmpty || tag[^1] != ':' || tag.Length > 64)
            {
                return false;
            }
        }

        tag = tag[..^1];
        if (!tag.IsEmpty && tag[^1] == ']')
        {
            var open = tag.LastIndexOf((byte)'[');
            tag = open > 0 ? tag[..open] : tag;
        }

        fields.Terminal = host;
        fields.Component = tag;
        rest = after;
        return true;
    }
}
