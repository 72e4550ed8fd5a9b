using System.Buffers;
using System.CommandLine;
using System.Globalization;
using PosFleet.Logs;
using PosFleet.Logs.Formats;
using System.Text;

namespace PosFleet.Cli.Commands;

/// <summary>Parsing of the values the commands share: durations (<c>24h</c>), instants and kind lists.</summary>
internal static class CommonOptions
{
    public static Option<TimeSpan?> Since() => new("--since")
    {
        Description = "Only lines of the last DURATION (24h, 90m, 2d, 30s).",
        CustomParser = r => r.Tokens.Count == 0 ? null : ParseDuration(r.Tokens[0].Value, r),
    };

    /// <summary><c>--pattern</c>: a line layout in the language of <see cref="LogFormats.FromPattern"/>.</summary>
    public static Option<string?> Pattern() => new("--pattern")
    {
        Description = "The line layout as a pattern of named fields, e.g. '{timestamp:yyyy-MM-dd HH:mm:ss,fff} {level} [{thread}] {component}: {message}' (as LogFormats.FromPattern reads it).",
    };

    /// <summary>Reads a <c>--pattern</c> value: no format when none was given, or the message saying what is wrong with it.</summary>
    public static bool TryReadPattern(string? pattern, out LogFormat? format, out string error)
    {
        (format, error) = (null, "");
        if (pattern is null)
        {
            return true;
        }

        try
        {
            format = LogFormats.FromPattern("pattern", pattern);
            return true;
        }
        catch (ArgumentException ex)
        {
            error = $"--pattern is not a valid layout: {ex.Message}";
            return false;
        }
    }

    public static Option<TimeSpan?> PatternTimeout() => new("--pattern-timeout")
    {
        Description = "The time a rule's pattern may take on one line (default 0.2s); a line past it is not matched by that rule, and is reported.",
        CustomParser = r => r.Tokens.Count == 0 ? null : ParseDuration(r.Tokens[0].Value, r),
    };

    public static Option<DateTimeOffset?> Instant(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = r => r.Tokens.Count == 0 ? null : ParseInstant(r.Tokens[0].Value, name, r),
    };

    public static Option<LogKind[]> Kinds() => new("--kinds")
    {
        Description = "Kinds selected: error,fail,offline,retry (default: all four).",
        CustomParser = r => r.Tokens.Count == 0 ? [] : ParseKinds(r.Tokens[0].Value, r),
    };

    public static Option<LogSeverity[]> Severities() => new("--severity")
    {
        Description = "Severities shown: error,alert,success (default: all).",
        CustomParser = r => r.Tokens.Count == 0 ? [] : ParseSeverities(r.Tokens[0].Value, r),
    };

    public static TimeSpan? ParseDuration(string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        if (TryParseDuration(text, out var span))
        {
            return span;
        }

        result.AddError($"'{text}' is not a duration of up to {MaxDuration.TotalDays / 365:0} years: use a number and a unit, such as 24h, 90m, 2d or 30s.");
        return null;
    }

    /// <summary>The longest duration accepted: far beyond any log's age, and far from DateTimeOffset's limits.</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(100 * 365);

    public static bool TryParseDuration(string text, out TimeSpan span)
    {
        if (!TryParseAnyDuration(text, out span) || span > MaxDuration)
        {
            span = default;
            return false;
        }

        return true;
    }

    private static bool TryParseAnyDuration(string text, out TimeSpan span)
    {
        span = default;
        if (text.Length < 2 || !double.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var n) || n <= 0)
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out span) && span > TimeSpan.Zero;
        }

        var seconds = char.ToLowerInvariant(text[^1]) switch
        {
            's' => n,
            'm' => n * 60,
            'h' => n * 3600,
            'd' => n * 86400,
            'w' => n * 7 * 86400,
            _ => 0,
        };
        if (seconds > MaxDuration.TotalSeconds)
        {
            return false;
        }

        span = TimeSpan.FromSeconds(seconds);
        return span > TimeSpan.Zero;
    }

    private static DateTimeOffset? ParseInstant(string text, string name, System.CommandLine.Parsing.ArgumentResult result)
    {
        // ISO-8601 with seconds is read first, as a log's timestamps are: the general parse (and the exact one) builds an
        // ICU collator for the invariant culture's month and day names, a fifth of a small scan's start-up. Anything else
        // (a date alone, a time without seconds, other shapes) is read by the general parse, as before.
        if (TryParseIso(text, out var t)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out t))
        {
            return t;
        }

        result.AddError($"{name} '{text}' is not a date and time: use ISO-8601, such as 2026-11-20T08:00:00Z.");
        return null;
    }

    /// <summary>
    /// Reads <c>yyyy-MM-dd[T| ]HH:mm:ss[(.|,)fraction][Z|±HH:mm|±HHmm|±HH]</c>, the whole text, as a log's timestamps are
    /// read (<see cref="TimestampParser"/>; no offset is UTC): the instant, in UTC. False for any other text.
    /// </summary>
    internal static bool TryParseIso(string text, out DateTimeOffset instant)
    {
        instant = default;
        Span<byte> bytes = stackalloc byte[48];
        if (text.Length > bytes.Length || Ascii.FromUtf16(text, bytes, out var length) != OperationStatus.Done
            || TimestampParser.TryParseIso(bytes[..length], out var utcTicks, out _) != length)
        {
            return false;
        }

        instant = new DateTimeOffset(utcTicks, TimeSpan.Zero);
        return true;
    }

    private static LogSeverity[] ParseSeverities(string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        var severities = new List<LogSeverity>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<LogSeverity>(part, ignoreCase: true, out var severity) && Enum.IsDefined(severity) && !int.TryParse(part, out _))
            {
                severities.Add(severity);
            }
            else
            {
                result.AddError($"--severity: '{part}' is not a severity: use error, alert or success, separated by commas.");
            }
        }

        return [.. severities];
    }

    private static LogKind[] ParseKinds(string text, System.CommandLine.Parsing.ArgumentResult result)
    {
        var kinds = new List<LogKind>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (Enum.TryParse<LogKind>(part, ignoreCase: true, out var kind) && kind != LogKind.None && Enum.IsDefined(kind))
            {
                kinds.Add(kind);
            }
            else
            {
                result.AddError($"--kinds: '{part}' is not a kind: use error, fail, offline or retry, separated by commas.");
            }
        }

        return [.. kinds];
    }
}
