using System.Globalization;
using System.Text.Json;
using PosFleet.Logs;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Output;

/// <summary>The JSON output of <c>search</c> and <c>dashboard</c> (written field by field: NativeAOT-safe).</summary>
internal static class StoreJson
{
    public static void WritePage(LogPage page, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartArray("entries");
        foreach (var e in page.Entries)
        {
            WriteEntry(w, e);
        }

        w.WriteEndArray();
        if (page.Next is not null)
        {
            w.WriteString("next", page.Next);
        }

        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    public static void WriteDashboard(LogDashboardSnapshot d, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("from", d.From);
        w.WriteString("to", d.To);
        w.WriteStartObject("totals");
        w.WriteNumber("success", d.Total(LogSeverity.Success));
        w.WriteNumber("alert", d.Total(LogSeverity.Alert));
        w.WriteNumber("error", d.Total(LogSeverity.Error));
        w.WriteEndObject();
        w.WriteStartObject("kinds");
        foreach (var (kind, count) in d.Kinds.OrderBy(k => k.Key))
        {
            w.WriteNumber(SummaryJson.Name(kind), count);
        }

        w.WriteEndObject();
        w.WriteStartArray("hours");
        foreach (var (hour, success, alert, error) in d.Hours)
        {
            w.WriteStartObject();
            w.WriteString("hour", hour);
            w.WriteNumber("success", success);
            w.WriteNumber("alert", alert);
            w.WriteNumber("error", error);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("templates");
        foreach (var t in d.Templates)
        {
            w.WriteStartObject();
            w.WriteString("id", t.TemplateId.ToString("x16", CultureInfo.InvariantCulture));
            w.WriteString("template", t.Template);
            w.WriteString("kind", SummaryJson.Name(t.Kind));
            w.WriteString("severity", SummaryJson.Name(t.Severity));
            w.WriteNumber("count", t.Count);
            w.WriteString("firstSeen", t.FirstSeen);
            w.WriteString("lastSeen", t.LastSeen);
            w.WriteNumber("terminalCount", t.TerminalCount);
            w.WriteString("example", t.Example.Message);
            Optional(w, "rule", t.Rule);
            Optional(w, "hint", t.Hint);
            Optional(w, "knowledgeBaseUrl", t.KnowledgeBaseUrl?.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("terminals");
        foreach (var t in d.Terminals)
        {
            w.WriteStartObject();
            w.WriteString("terminal", t.Terminal);
            Optional(w, "organization", t.Organization);
            w.WriteNumber("errors", t.Count);
            w.WriteString("lastError", t.LastSeen);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("terminalCount", d.TerminalCount);
        w.WriteNumber("moreTerminals", Math.Max(0, d.TerminalCount - d.Terminals.Count));
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void WriteEntry(Utf8JsonWriter w, LogEntry e)
    {
        w.WriteStartObject();
        w.WriteString("timestamp", e.Timestamp);
        w.WriteString("severity", SummaryJson.Name(e.Severity));
        w.WriteString("kind", SummaryJson.Name(e.Kind));
        w.WriteString("level", e.Level);
        Optional(w, "terminal", e.Terminal);
        Optional(w, "organization", e.Organization);
        Optional(w, "component", e.Component);
        Optional(w, "reference", e.Reference);
        w.WriteString("message", e.Message);
        w.WriteString("templateId", e.TemplateId.ToString("x16", CultureInfo.InvariantCulture));
        Optional(w, "rule", e.Rule);
        Optional(w, "hint", e.Hint);
        Optional(w, "knowledgeBaseUrl", e.KnowledgeBaseUrl?.ToString());
        w.WriteString("source", e.Position.Source);
        w.WriteNumber("line", e.Position.Line);
        w.WriteEndObject();
    }

    private static void Optional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
