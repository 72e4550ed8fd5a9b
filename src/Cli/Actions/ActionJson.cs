using System.Text.Json;
using PosFleet.Actions;

namespace PosFleet.Cli.Actions;

/// <summary>
/// <c>posfleet action list --json</c>: the same shape as <c>posfleet status --json</c> and <c>package … --json</c> (an
/// indented object, camelCase names, instants in ISO 8601, durations in seconds, absent values as <c>null</c>, states in
/// lower case), with the next page's cursor.
/// </summary>
internal static class ActionJson
{
    public static void WritePage(RemoteActionPage page, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteStartArray("actions");
        foreach (var a in page.Actions)
        {
            w.WriteStartObject();
            w.WriteString("id", a.Id);
            w.WriteString("organization", a.Organization);
            w.WriteString("terminal", a.TerminalId);
            w.WriteString("name", a.Name);
            w.WriteStartObject("parameters");
            foreach (var (name, value) in a.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                w.WriteString(name, value);
            }

            w.WriteEndObject();
            w.WriteString("state", a.State.ToString().ToLowerInvariant());
            w.WriteString("createdAt", a.CreatedAt);
            w.WriteString("expiresAt", a.ExpiresAt);
            w.WriteNumber("timeoutSeconds", Math.Round(a.Timeout.TotalSeconds, 3));
            w.WriteNumber("attempt", a.Attempt);
            w.WriteNumber("maxAttempts", a.MaxAttempts);
            w.WriteString("detail", a.Detail);
            w.WriteString("output", a.Output);
            if (a.UploadedBytes is { } uploaded)
            {
                w.WriteNumber("uploadedBytes", uploaded);
            }
            else
            {
                w.WriteNull("uploadedBytes");
            }

            w.WriteStartArray("history");
            foreach (var h in a.History)
            {
                w.WriteStartObject();
                w.WriteString("state", h.State.ToString().ToLowerInvariant());
                w.WriteString("at", h.At);
                w.WriteNumber("attempt", h.Attempt);
                w.WriteString("detail", h.Detail);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("next", page.Next);
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }
}
