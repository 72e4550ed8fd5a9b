using System.Text;
using PosFleet.Logs.Formats;
using PosFleet.Logs.Scanning;
using PosFleet.Logs.Templates;

namespace PosFleet.Fuzz;

/// <summary>
/// The line readers fed arbitrary bytes: every format's parse, format detection, the ISO timestamp reader (with and
/// without the minute cache the hot path keeps), the reference token, the template folder, and the block scanner
/// (<see cref="ScanTarget"/>, and the whole engine: <see cref="EngineTarget"/>). None may throw: a line a reader cannot read is a line it refuses, which the scan counts.
/// </summary>
internal static class LineTarget
{
    private static readonly LogFormat[] Formats =
    [
        .. LogFormats.All,
        LogFormats.FromPattern("p1", "{timestamp:yyyy-MM-dd HH:mm:ss,fff} {level} [{thread}] {component}: {message}"),
        LogFormats.FromPattern("p2", "[{timestamp:MMM d H:m:s zzz}] {terminal}|{organization} {level} - {message}"),
        LogFormats.FromPattern("p3", "{timestamp} {level} {message}"),
    ];

    private static readonly System.Buffers.SearchValues<byte> LevelWordBytes =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>
    /// Runs every line reader over <paramref name="input"/> (the whole engine on files in <paramref name="directory"/>);
    /// throws <see cref="BrokenInvariantException"/> when an invariant breaks.
    /// </summary>
    public static void Check(byte[] input, string directory)
    {
        ArgumentNullException.ThrowIfNull(input);
        try
        {
            var detected = LogFormatDetector.Detect(input, LogFormats.All, 2026);
            // The generic reader is returned with the layout it learned from the input: a candidate specialised.
            Invariant.Require(LogFormats.All.Contains(detected) || detected is GenericFormat, $"detection returned '{detected.Name}', which is not a candidate");
            var again = LogFormatDetector.Detect(input, LogFormats.All, 2026);
            Invariant.Require(ReferenceEquals(detected, again) || (detected is GenericFormat g && again is GenericFormat h && g.Layout == h.Layout),
                "detection is not deterministic");

            var warm = default(IsoMinuteCache);
            var warmHead = default(IsoMinuteCache);
            var number = 0;
            foreach (var range in Lines(input))
            {
                number++;
                var line = input.AsSpan(range);
                if (!line.IsEmpty && line[^1] == '\r')
                {
                    line = line[..^1];
                }

                ReadLine(line, number, ref warm, ref warmHead);
            }

            ScanTarget.Check(input, detected);
            ScanTarget.Check(input, Formats[input.Length % Formats.Length]);
            EngineTarget.Check(input, detected, directory);
        }
        catch (Exception ex) when (ex is not BrokenInvariantException)
        {
            throw new BrokenInvariantException($"a line reader threw {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    /// <summary>The lines of <paramref name="input"/> as the scanner cuts them: at each newline, the last one without.</summary>
    public static IEnumerable<Range> Lines(byte[] input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var start = 0;
        while (start < input.Length)
        {
            var nl = Array.IndexOf(input, (byte)'\n', start);
            var end = nl < 0 ? input.Length : nl;
            yield return start..end;
            start = end + 1;
        }
    }

    private static void ReadLine(ReadOnlySpan<byte> line, int number, ref IsoMinuteCache warm, ref IsoMinuteCache warmHead)
    {
        var where = $"line {number}";

        // The timestamp reader with the cache of the line before gives what it gives without one.
        var n = TimestampParser.TryParseIso(line, ref warm, out var ticks, out var offset);
        var cold = TimestampParser.TryParseIso(line, out var coldTicks, out var coldOffset);
        Invariant.Require((n, ticks, offset) == (cold, coldTicks, coldOffset),
            $"{where}: ISO timestamp read as ({n}, {ticks}, {offset}) after the line before, ({cold}, {coldTicks}, {coldOffset}) alone");
        if (n > 0)
        {
            Invariant.Require(n <= line.Length, $"{where}: ISO timestamp read {n} bytes of {line.Length}");
            RequireInstant(ticks, offset, $"{where}: ISO timestamp");
        }

        var headFields = new LineFields { DefaultYear = 2026 };
        var coldFields = new LineFields { DefaultYear = 2026 };
        var coldCache = default(IsoMinuteCache);
        var head = IsoBracketFormat.TryParseHead(line, ref warmHead, ref headFields, out var tail);
        var coldHead = IsoBracketFormat.TryParseHead(line, ref coldCache, ref coldFields, out var coldTail);
        Invariant.Require(head == coldHead && (!head || (tail == coldTail && headFields.UtcTicks == coldFields.UtcTicks
            && headFields.OffsetMinutes == coldFields.OffsetMinutes && headFields.Level.SequenceEqual(coldFields.Level))),
            $"{where}: the POS format's head reads differently after the line before than alone");

        var scratch = new byte[line.Length];
        foreach (var format in Formats)
        {
            var fields = new LineFields { DefaultYear = 2026 };
            if (!format.TryParse(line, scratch, ref fields))
            {
                continue;
            }

            var of = $"{where}, format {format.Name}";
            // A level may also be a word of the format's own table (syslog's PRI, a JSON level number): never other bytes.
            if (!IsWord(fields.Level))
            {
                RequireWithin(line, scratch, fields.Level, of, "level");
            }

            RequireWithin(line, scratch, fields.Component, of, "component");
            RequireWithin(line, scratch, fields.Terminal, of, "terminal");
            RequireWithin(line, scratch, fields.Organization, of, "organization");
            RequireWithin(line, scratch, fields.Message, of, "message");
            if (fields.Timestamp == TimestampStatus.Parsed)
            {
                RequireInstant(fields.UtcTicks, fields.OffsetMinutes, $"{of}: timestamp");
                _ = fields.ToDateTimeOffset();
            }

            // What the scanner does next with a selected line: fold its template into a buffer three times the line.
            var template = new byte[(fields.Message.Length * 3) + 16];
            MessageTemplater.Fold(fields.Message, template, out var written);
            Invariant.Require(written <= template.Length, $"{of}: the template is longer than its buffer");
            ReadReference(fields.Message, of);
        }

        ReadReference(line, where);
    }

    private static void ReadReference(ReadOnlySpan<byte> text, string where)
    {
        for (var from = 0; text[from..].IndexOf("ref="u8) is var i and >= 0; from += i + 1)
        {
            var value = text[(from + i + 4)..];
            var reference = ReferenceToken.Read(value);
            Invariant.Require(reference.Length <= value.Length, $"{where}: a reference longer than its text");
            Invariant.Require(reference.IsEmpty || reference[^1] != '.', $"{where}: the reference '{Show(reference)}' ends with a full stop");
            foreach (var b in reference)
            {
                Invariant.Require(ReferenceToken.IsPart(b), $"{where}: the reference '{Show(reference)}' holds the byte 0x{b:x2}");
            }

            Invariant.Require(ReferenceToken.Read(reference).SequenceEqual(reference), $"{where}: reading the reference '{Show(reference)}' again changes it");

            // What a user types is normalized by the same rule: a reference found in a line is found by itself.
            var typed = Encoding.UTF8.GetString(reference);
            var normalized = ReferenceToken.Normalize(typed);
            Invariant.Require(normalized == ReferenceToken.Normalize(normalized), $"{where}: normalizing '{typed}' twice changes it");
        }
    }

    private static void RequireWithin(ReadOnlySpan<byte> line, ReadOnlySpan<byte> scratch, ReadOnlySpan<byte> field, string where, string name)
    {
        if (field.IsEmpty)
        {
            return;
        }

        var inLine = line.Overlaps(field, out var at) && at >= 0 && at + field.Length <= line.Length;
        var inScratch = scratch.Overlaps(field, out var sat) && sat >= 0 && sat + field.Length <= scratch.Length;
        Invariant.Require(inLine || inScratch, $"{where}: the {name} is neither a slice of the line nor of the scratch buffer");
    }

    private static bool IsWord(ReadOnlySpan<byte> s) => !s.IsEmpty && s.Length <= 16 && !s.ContainsAnyExcept(LevelWordBytes);

    private static void RequireInstant(long utcTicks, short offsetMinutes, string where)
    {
        Invariant.Require(utcTicks is >= 0 && utcTicks <= DateTime.MaxValue.Ticks, $"{where}: {utcTicks} ticks is not an instant");
        Invariant.Require(offsetMinutes is >= -14 * 60 and <= 14 * 60, $"{where}: an offset of {offsetMinutes} minutes");
        var local = utcTicks + (offsetMinutes * TimeSpan.TicksPerMinute);
        Invariant.Require(local >= 0 && local <= DateTime.MaxValue.Ticks, $"{where}: {utcTicks} ticks at {offsetMinutes} minutes is past the calendar");
    }

    private static string Show(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
