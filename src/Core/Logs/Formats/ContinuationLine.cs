using System.Runtime.CompilerServices;

namespace PosFleet.Logs.Formats;

/// <summary>The lines that continue the entry above them in a layout whose entries start with a timestamp.</summary>
internal static class ContinuationLine
{
    /// <summary>
    /// Whether a line continues the entry above: it starts with a blank (stack frames, wrapped text), or is one of the
    /// lines of a stack trace that start at the margin (<c>Caused by:</c>, <c>Suppressed:</c>, <c>... 12 more</c>,
    /// <c>--- End of stack trace</c>, <c>at …</c>, an exception's name: <c>java.lang.IllegalStateException: …</c>).
    /// </summary>
    /// <remarks>
    /// A line starting with a digit (most timestamps) is told apart by its first byte. The line is not empty; it may be
    /// given with what follows it (a cut being placed). java.util.logging's level line (<c>SEVERE: message</c>) continues
    /// an entry only under <see cref="ContinuationRule.JavaLogging"/>; under <see cref="ContinuationRule.EventBlocks"/>
    /// every line but an event's first does.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Is(ReadOnlySpan<byte> line, ContinuationRule rule) => rule == ContinuationRule.EventBlocks
        ? !WindowsEventTextFormat.IsEventStart(line)
        : line[0] switch
        {
            (byte)' ' or (byte)'\t' => true,
            >= (byte)'0' and <= (byte)'9' => false,
            _ => IsStackLine(line, rule == ContinuationRule.JavaLogging),
        };

    /// <summary>
    /// Whether the line at the start of <paramref name="rest"/> (given with what follows it) continues the entry above
    /// under <paramref name="rule"/>: as <see cref="Is"/>, and a blank line too where an entry may hold one.
    /// </summary>
    public static bool Continues(ReadOnlySpan<byte> rest, ContinuationRule rule)
    {
        if (rest.IsEmpty || rule == ContinuationRule.None)
        {
            return false;
        }

        return rest[0] == '\n' || (rest[0] == '\r' && (rest.Length == 1 || rest[1] == '\n'))
            ? rule == ContinuationRule.EventBlocks
            : Is(rest, rule);
    }

    /// <summary>The rule of a file read with <paramref name="format"/>.</summary>
    public static ContinuationRule RuleOf(LogFormat format) => format switch
    {
        PlainFormat or GenericFormat { Layout: null or { TimeShape: TimestampShape.None } } => ContinuationRule.None,
        WindowsEventTextFormat => ContinuationRule.EventBlocks,
        GenericFormat { Layout.TimeShape: TimestampShape.MonthNameDayYear } => ContinuationRule.JavaLogging,
        _ => ContinuationRule.StackTraces,
    };

    private static bool IsStackLine(ReadOnlySpan<byte> line, bool javaLevels)
    {
        // The line may be given with what follows it (a cut being placed): only its first bytes are looked at.
        line = line[..Math.Min(line.Length, 256)];
        var nl = line.IndexOf((byte)'\n');
        return nl != 0 && line[0] != '\r' && IsStackLineStart(nl < 0 ? line : line[..nl], javaLevels);
    }

    private static bool IsStackLineStart(ReadOnlySpan<byte> line, bool javaLevels) => line[0] switch
    {
        _ when javaLevels && JavaLevelLength(line) > 0 => true,
        (byte)'C' => line.StartsWith("Caused by: "u8),
        (byte)'S' => line.StartsWith("Suppressed: "u8) || IsExceptionName(line),
        (byte)'.' => line.StartsWith("... "u8),
        (byte)'-' => line.StartsWith("--- End of "u8),
        (byte)'a' => line.StartsWith("at "u8) && line.Contains((byte)'(') || IsExceptionName(line),
        _ => LineReader.IsLetter(line[0]) && IsExceptionName(line),
    };

    /// <summary>
    /// The length of the level word of java.util.logging's second line (<c>SEVERE: message</c>, after the line with the
    /// time and the source), or 0.
    /// </summary>
    public static int JavaLevelLength(ReadOnlySpan<byte> line)
    {
        var colon = line[..Math.Min(line.Length, 9)].IndexOf((byte)':');
        if (colon < 4 || colon + 1 >= line.Length || line[colon + 1] != ' ')
        {
            return 0;
        }

        var word = line[..colon];
        return word.SequenceEqual("SEVERE"u8) || word.SequenceEqual("WARNING"u8) || word.SequenceEqual("INFO"u8) || word.SequenceEqual("CONFIG"u8)
            || word.SequenceEqual("FINE"u8) || word.SequenceEqual("FINER"u8) || word.SequenceEqual("FINEST"u8) ? colon : 0;
    }

    /// <summary><c>java.lang.IllegalStateException: message</c>, <c>System.IO.IOException</c>: a dotted name ending in Exception or Error.</summary>
    private static bool IsExceptionName(ReadOnlySpan<byte> line)
    {
        var end = 0;
        var dots = 0;
        while (end < line.Length && end < 160 && line[end] is not ((byte)' ' or (byte)':' or (byte)'\t'))
        {
            dots += line[end] == '.' ? 1 : 0;
            end++;
        }

        var name = line[..end];
        return dots > 0 && (end == line.Length || line[end] == ':')
            && (name.EndsWith("Exception"u8) || name.EndsWith("Error"u8) || name.EndsWith("Throwable"u8));
    }
}
