namespace PosFleet.Logs.Formats;

/// <summary>NLog's pipe-separated layout: <c>${longdate}|${level:uppercase=true}|${logger}|${message}</c>.</summary>
internal sealed class NLogPipeFormat() : LogFormat("nlog")
{
    private const int MaxLevelLength = 11;

    public override string Description => "NLog pipe layout: 2026-11-20 10:15:02.1234|ERROR|Logger.Name|message";

    internal override bool TryParse(ReadOnlySpan<byte> line, Span<byte> scratch, ref LineFields fields)
    {
        var bar = line.IndexOf((byte)'|');
        if (bar < 19)
        {
            return false;
        }

        var n = TimestampParser.TryParseIso(line[..bar], out fields.UtcTicks, out fields.OffsetMinutes);
        fields.Timestamp = n == bar ? TimestampStatus.Parsed : TimestampStatus.Garbled;
        var rest = line[(bar + 1)..];
        var levelEnd = rest.IndexOf((byte)'|');
        if (levelEnd <= 0 || levelEnd > MaxLevelLength || !LevelWords.IsLevelWord(rest[..levelEnd]))
        {
            return false;
        }

        fields.Level = rest[..levelEnd];
        rest = rest[(levelEnd + 1)..];
        var loggerEnd = rest.IndexOf((byte)'|');
        if (loggerEnd < 0)
        {
            fields.Message = rest;
            return true;
        }

        fields.Component = rest[..loggerEnd];
        fields.Message = rest[(loggerEnd + 1)..];
        return true;
    }
}
