using System.Text;
using System.Text.Json;

namespace PosFleet.Logs.Formats;

/// <summary>
/// JSON lines, one object per line (Serilog compact JSON, pino, bunyan, Elastic Common Schema, NLog's JsonLayout …),
/// read with <see cref="Utf8JsonReader"/> over the line's bytes: no DOM, no strings. Values with escapes are
/// unescaped into the scratch buffer.
/// </summary>
internal sealed class JsonLinesFormat : LogFormat
{
    private const int Timestamp = 0;
    private const int Level = 1;
    private const int Message = 2;
    private const int Component = 3;
    private const int Terminal = 4;
    private const int Organization = 5;
    private const int Roles = 6;

    private static readonly JsonReaderOptions ReaderOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private readonly byte[][][] _names;
    private readonly byte[] _compactDefaultLevel;

    public JsonLinesFormat(JsonLogFormatOptions options)
        : base(options.Name)
    {
        _names =
        [
            Encode(options.TimestampFields, nameof(options.TimestampFields)),
            Encode(options.LevelFields, nameof(options.LevelFields)),
            Encode(options.MessageFields, nameof(options.MessageFields)),
            Encode(options.ComponentFields, nameof(options.ComponentFields)),
            Encode(options.TerminalFields, nameof(options.TerminalFields)),
            Encode(options.OrganizationFields, nameof(options.OrganizationFields)),
        ];
        _compactDefaultLevel = Encoding.UTF8.GetBytes(options.CompactDefaultLevel ?? string.Empty);
    }

    public override string Description => """JSON lines: {"@t":"2026-11-20T10:15:02.123Z","@l":"Error","@mt":"Paper out on {Printer}","Printer":2}""";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        var start = LineReader.SkipBlanks(line, 0);
        if (start >= line.Length || line[start] != '{')
        {
            return false;
        }

        Span<int> rank = [int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue, int.MaxValue];
        var used = 0;
        var compact = false;
        try
        {
            var reader = new Utf8JsonReader(line[start..], ReaderOptions);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var (role, index) = Match(ref reader);
                compact |= reader.ValueTextEquals("@t"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (role < 0 || index >= rank[role])
                {
                    reader.Skip();
                    continue;
                }

                if (role == Timestamp)
                {
                    rank[role] = index;
                    ReadTimestamp(ref reader, ref fields);
                    continue;
                }

                if (role == Level && reader.TokenType == JsonTokenType.Number)
                {
                    rank[role] = index;
                    fields.Level = reader.TryGetInt32(out var n) ? NumericLevel(n) : default;
                    continue;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    reader.Skip();
                    continue;
                }

                rank[role] = index;
                ReadOnlySpan<byte> value;
                if (reader.ValueIsEscaped)
                {
                    var n = reader.CopyString(scratch[used..]);
                    value = scratch.Slice(used, n);
                    used += n;
                }
                else
                {
                    value = reader.ValueSpan;
                }

                switch (role)
                {
                    case Level: fields.Level = StringLevel(value); break;
                    case Message: fields.Message = value; break;
                    case Component: fields.Component = value; break;
                    case Terminal: fields.Terminal = value; break;
                    default: fields.Organization = value; break;
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // A malformed line; the caller counts it. An escaped string that cannot be unescaped ("\ud800" without its low
            // surrogate, an escape beside invalid UTF-8) is refused by CopyString with an InvalidOperationException.
            fields.Reset();
            return false;
        }

        if (fields.Level.IsEmpty && compact && rank[Level] == int.MaxValue)
        {
            fields.Level = _compactDefaultLevel;
        }

        return true;
    }

    private (int Role, int Index) Match(ref Utf8JsonReader reader)
    {
        for (var role = 0; role < Roles; role++)
        {
            var names = _names[role];
            for (var i = 0; i < names.Length; i++)
            {
                if (reader.ValueTextEquals(names[i]))
                {
                    return (role, i);
                }
            }
        }

        return (-1, 0);
    }

    private static void ReadTimestamp(ref Utf8JsonReader reader, ref LineFields fields)
    {
        fields.Timestamp = TimestampStatus.Garbled;
        if (reader.TokenType == JsonTokenType.String)
        {
            // Escaped only in odd writers (PowerShell's "\/Date(…)\/"): short enough to unescape on the stack.
            Span<byte> copy = stackalloc byte[64];
            scoped ReadOnlySpan<byte> value;
            if (!reader.ValueIsEscaped)
            {
                value = reader.ValueSpan;
            }
            else if (reader.ValueSpan.Length <= copy.Length)
            {
                value = copy[..reader.CopyString(copy)];
            }
            else
            {
                return;
            }

            var n = TimestampParser.TryParseIso(value, out fields.UtcTicks, out fields.OffsetMinutes);
            if (n > 0 && n == value.Length)
            {
                fields.Timestamp = TimestampStatus.Parsed;
            }
            else if (EpochDigits(value) is { } epoch && FromEpoch(epoch, ref fields))
            {
                fields.Timestamp = TimestampStatus.Parsed;
            }
        }
        else if (reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var number) && FromEpoch(number, ref fields))
        {
            fields.Timestamp = TimestampStatus.Parsed;
        }
        else
        {
            reader.Skip();
        }
    }

    /// <summary>
    /// Unix time as a number: microseconds past 10^14 (the journal's <c>__REALTIME_TIMESTAMP</c>), milliseconds past
    /// 10^11 (after 5138 in seconds), seconds below.
    /// </summary>
    private static bool FromEpoch(double number, ref LineFields fields)
    {
        if (number <= 0)
        {
            return false;
        }

        var seconds = number > 1e14 ? number / 1e6 : number > 1e11 ? number / 1000 : number;
        var ticks = DateTime.UnixEpoch.Ticks + (long)(seconds * TimeSpan.TicksPerSecond);
        if (ticks <= 0 || ticks >= DateTime.MaxValue.Ticks)
        {
            return false;
        }

        fields.UtcTicks = ticks;
        fields.OffsetMinutes = 0;
        return true;
    }

    /// <summary>Unix time written as a string: digits alone (the journal), or PowerShell 5's <c>/Date(milliseconds)/</c>.</summary>
    private static double? EpochDigits(ReadOnlySpan<byte> value)
    {
        if (value.StartsWith("/Date("u8) && value.EndsWith(")/"u8))
        {
            value = value[6..^2];
        }

        if (value.IsEmpty || value.Length > 19 || value.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return null;
        }

        double n = 0;
        foreach (var d in value)
        {
            n = (n * 10) + (d - '0');
        }

        return n;
    }

    /// <summary>
    /// A level written as a number: 0 to 7 are syslog severities (GELF's <c>level</c>, the journal's <c>PRIORITY</c>:
    /// 0 emerg … 3 err are errors, 4 warning, 5 notice, 6 info, 7 debug); from 8 on, pino and bunyan levels: 10 trace,
    /// 20 debug, 30 info, 40 warn, 50 error, 60 fatal.
    /// </summary>
    internal static ReadOnlySpan<byte> NumericLevel(int n) => n switch
    {
        >= 0 and <= 7 => SyslogSeverity.Level(n),
        <= 10 => "TRACE"u8,
        <= 20 => "DEBUG"u8,
        <= 30 => "INFO"u8,
        <= 40 => "WARN"u8,
        <= 50 => "ERROR"u8,
        _ => "FATAL"u8,
    };

    /// <summary>A level word as written, or a number written as a string (the journal's <c>"PRIORITY":"3"</c>).</summary>
    private static ReadOnlySpan<byte> StringLevel(ReadOnlySpan<byte> value)
    {
        if (value.IsEmpty || value.Length > 3 || value.ContainsAnyExceptInRange((byte)'0', (byte)'9'))
        {
            return value;
        }

        var n = 0;
        foreach (var d in value)
        {
            n = (n * 10) + (d - '0');
        }

        return NumericLevel(n);
    }

    private static byte[][] Encode(IList<string> names, string option)
    {
        ArgumentNullException.ThrowIfNull(names, option);
        var result = new byte[names.Count][];
        for (var i = 0; i < names.Count; i++)
        {
            if (string.IsNullOrEmpty(names[i]))
            {
                throw new ArgumentException($"JsonLogFormatOptions.{option}[{i}] is empty: give each field a property name.", option);
            }

            result[i] = Encoding.UTF8.GetBytes(names[i]);
        }

        return result;
    }
}
