using System.Text;
using PosFleet.Logs.Formats;

namespace PosFleet.Tests.Logs.Formats;

/// <summary>What a format read from one line, as strings, for assertions.</summary>
internal sealed record ParsedLine(
    bool Read,
    TimestampStatus Timestamp,
    DateTimeOffset? Time,
    string Level,
    string Component,
    string Terminal,
    string Organization,
    string Message)
{
    public static ParsedLine Of(LogFormat format, string line, int defaultYear = 2026)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var scratch = new byte[bytes.Length + 16];
        var fields = new LineFields { DefaultYear = defaultYear };
        var read = format.TryParse(bytes, scratch, ref fields);
        return new ParsedLine(
            read,
            fields.Timestamp,
            fields.Timestamp == TimestampStatus.Parsed ? fields.ToDateTimeOffset() : null,
            Encoding.UTF8.GetString(fields.Level),
            Encoding.UTF8.GetString(fields.Component),
            Encoding.UTF8.GetString(fields.Terminal),
            Encoding.UTF8.GetString(fields.Organization),
            Encoding.UTF8.GetString(fields.Message));
    }
}
