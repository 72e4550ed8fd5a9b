using System.Globalization;
using System.Text.Json;
using PosFleet.Logs;

namespace PosFleet.Cli.Output;

/// <summary><c>--emit lines</c>: one JSON object per line, so that anyone can check the classification line by line.</summary>
internal sealed class EntryJsonWriter(Stream stream) : IDisposable
{
    private readonly BufferedStream _buffer = new(stream, 1 << 16);
    private readonly Utf8JsonWriter _writer = new(Stream.Null);

    public void Write(LogEntry e)
    {
        _writer.Reset(_buffer);
        _writer.WriteStartObject();
        _writer.WriteString("source", e.Position.Source);
        _writer.WriteNumber("line", e.Position.Line);
        _writer.WriteString("timestamp", e.Timestamp);
        _writer.WriteString("level", e.Level);
        _writer.WriteString("kind", SummaryJson.Name(e.Kind));
        _writer.WriteString("severity", SummaryJson.Name(e.Severity));
        _writer.WriteString("templateId", e.TemplateId.ToString("x16", CultureInfo.InvariantCulture));
        _writer.WriteString("template", e.Template);
        if (e.Terminal is not null)
        {
            _writer.WriteString("terminal", e.Terminal);
        }

        if (e.Organization is not null)
        {
            _writer.WriteString("organization", e.Organization);
        }

        if (e.Reference is not null)
        {
            _writer.WriteString("reference", e.Reference);
        }

        if (e.Rule is not null)
        {
            _writer.WriteString("rule", e.Rule);
        }

        _writer.WriteEndObject();
        _writer.Flush();
        _buffer.WriteByte((byte)'\n');
    }

    public void Dispose()
    {
        _buffer.Flush();
        _writer.Dispose();
        _buffer.Dispose();
    }
}
