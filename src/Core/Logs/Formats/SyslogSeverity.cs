namespace PosFleet.Logs.Formats;

/// <summary>The syslog PRI field: <c>&lt;facility * 8 + severity&gt;</c>, and the level words of its severities.</summary>
internal static class SyslogSeverity
{
    /// <summary>Reads <c>&lt;PRI&gt;</c> at the start of <paramref name="line"/>; returns the index past it, 0 without one, -1 when invalid.</summary>
    public static int ReadPriority(ReadOnlySpan<byte> line, out ReadOnlySpan<byte> level)
    {
        level = default;
        if (line.IsEmpty || line[0] != '<')
        {
            return 0;
        }

        var end = LineReader.SkipDigits(line, 1);
        if (end == 1 || end > 4 || end >= line.Length || line[end] != '>')
        {
            return -1;
        }

        var pri = 0;
        for (var i = 1; i < end; i++)
        {
            pri = (pri * 10) + (line[i] - '0');
        }

        if (pri > 191)
        {
            return -1;
        }

        level = Level(pri & 7);
        return end + 1;
    }

    public static ReadOnlySpan<byte> Level(int severity) => severity switch
    {
        0 => "EMERG"u8,
        1 => "ALERT"u8,
        2 => "CRIT"u8,
        3 => "ERR"u8,
        4 => "WARNING"u8,
        5 => "NOTICE"u8,
        6 => "INFO"u8,
        _ => "DEBUG"u8,
    };
}
