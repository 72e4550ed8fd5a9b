using System.Text.Json;
using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Cli.Output;

/// <summary>The JSON summary of a scan, for machines (written field by field: no reflection, NativeAOT-safe).</summary>
internal static class SummaryJson
{
    public static void Write(LogScanSummary s, int top, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteNumber("lines", s.Lines);
        w.WriteNumber("bytes", s.Bytes);
        w.WriteNumber("linesInScope", s.LinesInScope);
        w.WriteNumber("selectedLines", s.SelectedLines);
        WriteCounts(w, "kinds", s.Kinds.Select(p => (Name(p.Key), p.Value)));
        WriteCounts(w, "severities", s.Severities.Select(p => (Name(p.Key), p.Value)));
        WriteCounts(w, "levels", s.Levels.Select(p => (p.Key, p.Value)));
        w.WriteNumber("templateCount", s.Templates.Count);
        w.WriteNumber("moreTemplates", Math.Max(0, s.Templates.Count - top));
        w.WriteStartArray("templates");
        foreach (var t in s.Templates.Take(top))
        {
            w.WriteStartObject();
            w.WriteString("id", t.TemplateId.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("template", t.Template);
            w.WriteString("kind", Name(t.Kind));
            w.WriteString("severity", Name(t.Severity));
            w.WriteNumber("count", t.Count);
            w.WriteString("firstSeen", t.FirstSeen);
            w.WriteString("lastSeen", t.LastSeen);
            w.WriteString("example", t.Example.Message);
            w.WriteString("examplePosition", t.Example.Position.ToString());
            // The busiest terminals for the template, at most --top of them, then how many more wrote it.
            var listed = t.Terminals.Take(top).ToList();
            w.WriteNumber("terminalCount", t.TerminalCount);
            if (t.TerminalCountIsEstimate)
            {
                w.WriteBoolean("terminalCountIsEstimate", true);
            }

            w.WriteStartArray("terminals");
            foreach (var terminal in listed)
            {
                w.WriteStringValue(terminal);
            }

            w.WriteEndArray();
            w.WriteNumber("moreTerminals", Math.Max(0, t.TerminalCount - listed.Count));
            WriteOptional(w, "rule", t.Rule);
            WriteOptional(w, "hint", t.Hint);
            WriteOptional(w, "knowledgeBaseUrl", t.KnowledgeBaseUrl?.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("terminalCount", s.TerminalCount);
        if (s.TerminalCountIsEstimate)
        {
            w.WriteBoolean("terminalCountIsEstimate", true);
        }

        if (s.TerminalCountsMaxError > 0)
        {
            w.WriteNumber("terminalCountsMaxError", s.TerminalCountsMaxError);
        }

        var terminals = s.Terminals.Take(top).ToList();
        w.WriteStartArray("terminals");
        foreach (var t in terminals)
        {
            w.WriteStartObject();
            w.WriteString("terminal", t.Terminal);
            WriteOptional(w, "organization", t.Organization);
            w.WriteNumber("count", t.Count);
            WriteCounts(w, "kinds", t.Kinds.Select(p => (Name(p.Key), p.Value)));
            w.WriteString("lastSeen", t.LastSeen);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("moreTerminals", Math.Max(0, s.TerminalCount - terminals.Count));
        w.WriteNumber("untimedLines", s.UntimedLines);
        w.WriteNumber("continuationLines", s.ContinuationLines);
        w.WriteNumber("malformedLines", s.MalformedLines);
        w.WriteStartArray("firstMalformed");
        foreach (var m in s.FirstMalformed)
        {
            w.WriteStartObject();
            w.WriteString("source", m.Position.Source);
            w.WriteNumber("line", m.Position.Line);
            w.WriteString("reason", m.Reason.ToString());
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("overLongLines", s.OverLongLines);
        w.WriteStartArray("firstOverLong");
        foreach (var p in s.FirstOverLong)
        {
            w.WriteStartObject();
            w.WriteString("source", p.Source);
            w.WriteNumber("line", p.Line);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("sources");
        foreach (var src in s.Sources)
        {
            w.WriteStartObject();
            w.WriteString("source", src.Source);
            w.WriteString("format", src.Format);
            w.WriteNumber("lines", src.Lines);
            w.WriteNumber("bytes", src.Bytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("errors");
        foreach (var e in s.Errors)
        {
            w.WriteStartObject();
            w.WriteString("source", e.Source);
            w.WriteString("message", e.Message);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("skipped");
        foreach (var k in s.Skipped)
        {
            w.WriteStartObject();
            w.WriteString("source", k.Source);
            w.WriteString("reason", k.Reason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartObject("patternTimeouts"); // rule name: lines its pattern ran out of time on (not matched by it)
        foreach (var (rule, lines) in s.PatternTimeouts.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            w.WriteNumber(rule, lines);
        }

        w.WriteEndObject();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    internal static string Name(LogKind kind) => kind.ToString().ToLowerInvariant();

    internal static string Name(LogSeverity severity) => severity.ToString().ToLowerInvariant();

    private static void WriteCounts(Utf8JsonWriter w, string name, IEnumerable<(string Name, long Count)> counts)
    {
        w.WriteStartObject(name);
        foreach (var (n, count) in counts)
        {
            w.WriteNumber(n, count);
        }

        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteString(name, value);
        }
    }
}
