using System.Globalization;
using System.Text.Json;
using PosFleet.Status;

namespace PosFleet.Cli.Status;

/// <summary>A page of the status board as a table or as JSON; every text from a terminal is shown escaped.</summary>
internal static class StatusBoardOutput
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void WriteTable(StatusBoardPage page, TextWriter o)
    {
        o.WriteLine($"{"HEALTH",-7} {"ORGANIZATION",-14} {"TERMINAL",-16} {"VERSION",-10} {"TARGET",-8} {"LAST UPDATE",-17} {"LAST HEARD",-17} {"LAST SYNC",-17} {"OUTBOX",6} {"OLDEST",7}  LAST SYNC ERROR");
        foreach (var row in page.Rows)
        {
            var s = row.Status;
            o.WriteLine(string.Create(C, $"{row.Health.ToString().ToLowerInvariant(),-7} {Clip(s.Organization, 14),-14} {Clip(s.TerminalId, 16),-16} {Clip(s.ApplicationVersion, 10),-10} {Clip(row.TargetVersion ?? "-", 8),-8} {When(s.LastUpdate),-17} {When(s.ReceivedAt),-17} {When(s.LastSync),-17} {s.OutboxDepth,6} {Age(s.OldestUnsentAge),7}  {Clip(s.LastSyncError ?? "", 80)}"));
        }

        o.WriteLine(string.Create(C, $"{page.Rows.Count} terminals: {Count(page, TerminalHealth.Red)} red, {Count(page, TerminalHealth.Grey)} grey, {Count(page, TerminalHealth.Yellow)} yellow, {Count(page, TerminalHealth.Green)} green."));
        if (page.Next is not null)
        {
            o.WriteLine($"More: --after {page.Next}");
        }
    }

    public static void WriteJson(StatusBoardPage page, DateTimeOffset asOf, Stream stream)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        w.WriteStartObject();
        w.WriteString("asOf", asOf);
        w.WriteStartArray("terminals");
        foreach (var row in page.Rows)
        {
            var s = row.Status;
            w.WriteStartObject();
            w.WriteString("terminal", s.TerminalId);
            w.WriteString("organization", s.Organization);
            w.WriteString("health", row.Health.ToString().ToLowerInvariant());
            w.WriteString("version", s.ApplicationVersion);
            w.WriteString("targetVersion", row.TargetVersion);
            Instant(w, "lastUpdate", s.LastUpdate);
            Instant(w, "lastSync", s.LastSync);
            w.WriteString("lastHeard", s.ReceivedAt);
            w.WriteString("lastSyncError", s.LastSyncError);
            w.WriteNumber("outboxDepth", s.OutboxDepth);
            Seconds(w, "oldestUnsentSeconds", s.OldestUnsentAge);
            Seconds(w, "syncIntervalSeconds", s.SyncInterval);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("next", page.Next);
        w.WriteEndObject();
    }

    private static int Count(StatusBoardPage page, TerminalHealth health) => page.Rows.Count(r => r.Health == health);

    private static void Instant(Utf8JsonWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } v)
        {
            w.WriteString(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static void Seconds(Utf8JsonWriter w, string name, TimeSpan? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, Math.Round(v.TotalSeconds, 3));
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string When(DateTimeOffset? at) => at is { } a ? a.UtcDateTime.ToString("yyyy-MM-dd HH:mm", C) + "Z" : "-";

    private static string Age(TimeSpan? age) => age switch
    {
        null => "-",
        { TotalDays: >= 1 } a => string.Create(C, $"{a.TotalDays:0.#}d"),
        { TotalHours: >= 1 } a => string.Create(C, $"{a.TotalHours:0.#}h"),
        { } a => string.Create(C, $"{a.TotalMinutes:0}m"),
    };

    private static string Clip(string s, int n)
    {
        var escaped = DisplayText.Escape(s);
        return escaped.Length <= n ? escaped : string.Concat(escaped.AsSpan(0, n - 1), "…");
    }
}
