namespace PosFleet.Logs.Formats;

/// <summary>
/// A format declared by a pattern of named fields (<see cref="LogFormats.FromPattern(string, string)"/>). The pattern
/// is compiled once into steps; a line is read by running them: literals must match, runs of blanks match one or
/// more blanks, a field extends to where the separator after it matches (or to the end of the line).
/// </summary>
internal sealed class PatternFormat : LogFormat
{
    private readonly PatternStep[] _steps;

    public PatternFormat(string name, string pattern)
        : base(name)
    {
        Pattern = pattern;
        _steps = PatternCompiler.Compile(pattern);
    }

    public string Pattern { get; }

    public override string Description => "Custom pattern: " + Pattern;

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        var pos = 0;
        for (var s = 0; s < _steps.Length; s++)
        {
            var step = _steps[s];
            switch (step.Kind)
            {
                case PatternStepKind.Literal:
                    if (!line[pos..].StartsWith(step.Literal))
                    {
                        return false;
                    }

                    pos += step.Literal.Length;
                    break;

                case PatternStepKind.Blank:
                    var end = LineReader.SkipBlanks(line, pos);
                    if (end == pos && pos > 0 && pos < line.Length)
                    {
                        return false;
                    }

                    pos = end;
                    break;

                case PatternStepKind.Timestamp:
                    var after = PatternTimestamp.TryRead(line, pos, step.Date, fields.DefaultYear, out fields.UtcTicks, out fields.OffsetMinutes);
                    if (after >= 0)
                    {
                        fields.Timestamp = TimestampStatus.Parsed;
                        pos = after;
                        break;
                    }

                    fields.Timestamp = TimestampStatus.Garbled;
                    var garbledEnd = FieldEnd(line, pos, s);
                    if (garbledEnd < 0)
                    {
                        return false;
                    }

                    pos = garbledEnd;
                    break;

                default:
                    var fieldEnd = FieldEnd(line, pos, s);
                    if (fieldEnd < 0)
                    {
                        return false;
                    }

                    var value = step.Kind == PatternStepKind.Message ? line[pos..fieldEnd] : MessageTail.Trim(line[pos..fieldEnd]);
                    Assign(step.Kind, value, ref fields);
                    pos = fieldEnd;
                    break;
            }
        }

        return true;
    }

    private static void Assign(PatternStepKind kind, ReadOnlySpan<byte> value, ref LineFields fields)
    {
        switch (kind)
        {
            case PatternStepKind.Level: fields.Level = value; break;
            case PatternStepKind.Component: fields.Component = value; break;
            case PatternStepKind.Terminal: fields.Terminal = value; break;
            case PatternStepKind.Organization: fields.Organization = value; break;
            case PatternStepKind.Message: fields.Message = LineReader.TrimEnd(value); break;
            default: break;
        }
    }

    /// <summary>Where the field at step <paramref name="s"/> ends: the first place the separator after it matches.</summary>
    private int FieldEnd(ReadOnlySpan<byte> line, int pos, int s)
    {
        if (s + 1 == _steps.Length)
        {
            return line.Length;
        }

        var next = _steps[s + 1];
        if (next.Kind == PatternStepKind.Blank)
        {
            // The first blank where the whole separator matches: "{program} - " ends at " - ", past "chrome.exe *64".
            var blank = LineReader.NextBlank(line, pos);
            while (blank < line.Length && !SeparatorMatches(line, blank, s + 1))
            {
                blank = LineReader.NextBlank(line, LineReader.SkipBlanks(line, blank));
            }

            return blank == pos || blank >= line.Length ? (s + 2 == _steps.Length ? blank : -1) : blank;
        }

        // The separator is a literal (the compiler rejects two adjacent fields); find its first match that the rest of
        // the separator steps also match, so "] - " is found past a "]" inside the field.
        var from = pos;
        while (from < line.Length)
        {
            var idx = line[from..].IndexOf(next.Literal);
            if (idx < 0)
            {
                return -1;
            }

            var at = from + idx;
            if (SeparatorMatches(line, at, s + 1))
            {
                return at;
            }

            from = at + 1;
        }

        return -1;
    }

    private bool SeparatorMatches(ReadOnlySpan<byte> line, int at, int s)
    {
        for (; s < _steps.Length && _steps[s].IsSeparator; s++)
        {
            if (_steps[s].Kind == PatternStepKind.Literal)
            {
                if (!line[at..].StartsWith(_steps[s].Literal))
                {
                    return false;
                }

                at += _steps[s].Literal.Length;
            }
            else
            {
                var end = LineReader.SkipBlanks(line, at);
                if (end == at && at < line.Length)
                {
                    return false;
                }

                at = end;
            }
        }

        return true;
    }
}
