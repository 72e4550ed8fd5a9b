using System.Text;

namespace PosFleet.Logs.Formats;

/// <summary>
/// Compiles a pattern such as <c>{timestamp:yyyy-MM-dd HH:mm:ss,fff} {level} [{thread}] {component}: {message}</c>
/// into steps, once; <see cref="PatternFormat"/> runs them over each line.
/// </summary>
internal static class PatternCompiler
{
    public const string SupportedDateTokens = "yyyy yy MM MMM dd d HH H mm m ss s f…fffffff (fractions, also after ',' or '.') zzz (±HH:MM or Z) and T; or no format for any ISO-8601 timestamp";

    public static PatternStep[] Compile(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var steps = new List<PatternStep>();
        var seen = new HashSet<PatternStepKind>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            var c = pattern[i];
            if (c == '{' && i + 1 < pattern.Length && pattern[i + 1] == '{')
            {
                literal.Append('{');
                i += 2;
            }
            else if (c == '}' && i + 1 < pattern.Length && pattern[i + 1] == '}')
            {
                literal.Append('}');
                i += 2;
            }
            else if (c == '}')
            {
                throw Invalid(pattern, i, "a '}' closes no field (write '}}' for a literal brace)");
            }
            else if (c == '{')
            {
                var close = pattern.IndexOf('}', i);
                if (close < 0)
                {
                    throw Invalid(pattern, i, "the field opened here is not closed with '}'");
                }

                Flush(steps, literal);
                steps.Add(Field(pattern, i, pattern[(i + 1)..close], seen));
                i = close + 1;
            }
            else if (c is ' ' or '\t')
            {
                Flush(steps, literal);
                while (i < pattern.Length && pattern[i] is ' ' or '\t')
                {
                    i++;
                }

                steps.Add(new PatternStep(PatternStepKind.Blank, [], []));
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        Flush(steps, literal);
        if (!steps.Exists(s => !s.IsSeparator))
        {
            throw Invalid(pattern, 0, "it has no field; name at least {message}");
        }

        for (var s = 1; s < steps.Count; s++)
        {
            if (!steps[s].IsSeparator && !steps[s - 1].IsSeparator && steps[s - 1].Kind != PatternStepKind.Timestamp)
            {
                throw Invalid(pattern, 0, $"fields {steps[s - 1].Kind} and {steps[s].Kind} follow each other with nothing between them, so where one ends is ambiguous");
            }
        }

        return [.. steps];
    }

    private static PatternStep Field(string pattern, int at, string body, HashSet<PatternStepKind> seen)
    {
        var colon = body.IndexOf(':');
        var name = (colon < 0 ? body : body[..colon]).Trim();
        var format = colon < 0 ? null : body[(colon + 1)..];
        if (name.Length == 0)
        {
            throw Invalid(pattern, at, "a field has no name");
        }

        var kind = name.ToLowerInvariant() switch
        {
            "timestamp" => PatternStepKind.Timestamp,
            "level" => PatternStepKind.Level,
            "component" or "logger" => PatternStepKind.Component,
            "terminal" => PatternStepKind.Terminal,
            "organization" => PatternStepKind.Organization,
            "message" => PatternStepKind.Message,
            _ => PatternStepKind.Skip,
        };

        if (kind != PatternStepKind.Skip && !seen.Add(kind))
        {
            throw Invalid(pattern, at, $"the field {{{name}}} appears twice");
        }

        if (kind == PatternStepKind.Timestamp)
        {
            // Without a format, any ISO-8601 timestamp (the reader of the iso format).
            return new PatternStep(kind, [], format is null ? [] : CompileDate(pattern, at, format));
        }

        if (format is not null)
        {
            throw Invalid(pattern, at, $"the field {{{name}}} takes no format; only {{timestamp:…}} does");
        }

        return new PatternStep(kind, [], []);
    }

    private static DateToken[] CompileDate(string pattern, int at, string format)
    {
        var tokens = new List<DateToken>();
        var i = 0;
        while (i < format.Length)
        {
            var c = format[i];
            var run = 1;
            while (i + run < format.Length && format[i + run] == c)
            {
                run++;
            }

            DateTokenKind? kind = (c, run) switch
            {
                ('y', 4) => DateTokenKind.Year4,
                ('y', 2) => DateTokenKind.Year2,
                ('M', 2) => DateTokenKind.Month2,
                ('M', 3) => DateTokenKind.MonthName,
                ('d', 2) => DateTokenKind.Day2,
                ('d', 1) => DateTokenKind.Day,
                ('H', 2) => DateTokenKind.Hour2,
                ('H', 1) => DateTokenKind.Hour,
                ('m', 2) => DateTokenKind.Minute2,
                ('m', 1) => DateTokenKind.Minute,
                ('s', 2) => DateTokenKind.Second2,
                ('s', 1) => DateTokenKind.Second,
                ('f', <= 7) => DateTokenKind.Fraction,
                ('z', 3) => DateTokenKind.Offset,
                _ => null,
            };

            if (kind is { } k)
            {
                tokens.Add(new DateToken(k));
                i += run;
            }
            else if (c == 'T' && run == 1)
            {
                tokens.Add(new DateToken(DateTokenKind.Literal, (byte)'T'));
                i++;
            }
            else if (char.IsAsciiLetter(c))
            {
                throw Invalid(pattern, at, $"the timestamp token '{new string(c, run)}' is not supported; use {SupportedDateTokens}");
            }
            else if (c is ' ' or '\t')
            {
                tokens.Add(new DateToken(DateTokenKind.Blank));
                i += run;
            }
            else if (c > 127)
            {
                throw Invalid(pattern, at, $"the timestamp format holds '{c}'; only ASCII separators are supported");
            }
            else
            {
                tokens.Add(new DateToken(DateTokenKind.Literal, (byte)c));
                i++;
            }
        }

        if (!tokens.Exists(t => t.Kind is DateTokenKind.Month2 or DateTokenKind.MonthName)
            || !tokens.Exists(t => t.Kind is DateTokenKind.Day2 or DateTokenKind.Day)
            || !tokens.Exists(t => t.Kind is DateTokenKind.Hour2 or DateTokenKind.Hour))
        {
            throw Invalid(pattern, at, $"the timestamp format '{format}' needs at least a month, a day and an hour");
        }

        return [.. tokens];
    }

    private static void Flush(List<PatternStep> steps, StringBuilder literal)
    {
        if (literal.Length > 0)
        {
            steps.Add(new PatternStep(PatternStepKind.Literal, Encoding.UTF8.GetBytes(literal.ToString()), []));
            literal.Clear();
        }
    }

    private static ArgumentException Invalid(string pattern, int at, string problem) =>
        new($"The log pattern \"{pattern}\" is invalid at position {at}: {problem}.", nameof(pattern));
}
