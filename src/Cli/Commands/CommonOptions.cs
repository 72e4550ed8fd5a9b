using System.CommandLine;
using System.Globalization;
using PosFleet.Logs;
using PosFleet.Logs.Formats;

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
        // ISO-8601 is read first, digit by digit: the general parse (and the exact one) builds an ICU collator for the
        // invariant culture's month and day names, a fifth of a small scan's start-up. Anything else is read as before.
        if (TryParseIso(text, out var t)
            || DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out t))
        {
            return t;
        }

        result.AddError($"{name} '{text}' is not a date and time: use ISO-8601, such as 2026-11-20T08:00:00Z.");
        return null;
    }

    /// <summary>
    /// Reads <c>yyyy-MM-dd</c>, optionally followed by <c>T</c> or a space and <c>HH:mm</c>, <c>:ss</c>, a fraction of up
    /// to seven digits after <c>.</c> or <c>,</c>, and <c>Z</c> or an offset <c>±HH:mm</c>; no offset is UTC. The instant
    /// is given in UTC, as the general parse gives it. False for any other text, or a date or time that does not exist.
    /// </summary>
    internal static bool TryParseIso(ReadOnlySpan<char> s, out DateTimeOffset instant)
    {
        instant = default;
        int hour = 0, minute = 0, second = 0;
        long fraction = 0;
        var offset = TimeSpan.Zero;
        if (s.Length < 10 || s[4] != '-' || s[7] != '-' || !Digits(s[..4], out var year) || !Digits(s[5..7], out var month) || !Digits(s[8..10], out var day))
        {
            return false;
        }

        var rest = s[10..];
        if (!rest.IsEmpty)
        {
            if (rest.Length < 6 || rest[0] is not ('T' or ' ') || rest[3] != ':' || !Digits(rest[1..3], out hour) || !Digits(rest[4..6], out minute))
            {
                return false;
            }

            rest = rest[6..];
            if (rest.Length >= 3 && rest[0] == ':')
            {
                if (!Digits(rest[1..3], out second))
                {
                    return false;
                }

                rest = rest[3..];
                if (rest.Length >= 2 && rest[0] is '.' or ',')
                {
                    var n = 1;
                    while (n < rest.Length && char.IsAsciiDigit(rest[n]))
                    {
                        n++;
                    }

                    if (n == 1 || n > 8)
                    {
                        return false;
                    }

                    Digits(rest[1..n], out var digits);
                    fraction = digits * (long)Math.Pow(10, 8 - n);
                    rest = rest[n..];
                }
            }

            if (rest is "Z" or "z")
            {
                rest = default;
            }
            else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':' && Digits(rest[1..3], out var h) && Digits(rest[4..6], out var m) && h <= 14 && m <= 59)
            {
                offset = new TimeSpan(h, m, 0) * (rest[0] == '-' ? -1 : 1);
                rest = default;
            }
        }

        if (!rest.IsEmpty || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        // The first and last day of the calendar are left to the general parse: an offset could take them out of range.
        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
        if (local < DateTime.MinValue.AddDays(1) || local > DateTime.MaxValue.AddDays(-1))
        {
            return false;
        }

        instant = new DateTimeOffset(local - offset, TimeSpan.Zero);
        return true;

        static bool Digits(ReadOnlySpan<char> digits, out int value)
        {
            value = 0;
            foreach (var c in digits)
            {
                if (!char.IsAsciiDigit(c))
                {
                    return false;
                }

                value = (value * 10) + (c - '0');
            }

            return true;
        }
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
