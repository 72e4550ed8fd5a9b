using System.Globalization;
using PosFleet.Logs;
using PosFleet.Logs.Dashboard;
using PosFleet.Logs.Storage;

namespace PosFleet.Cli.Output;

/// <summary>The readable output of <c>search</c> and <c>dashboard</c>.</summary>
internal static class StoreTable
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public static void WritePage(LogPage page, TextWriter o)
    {
        if (page.Entries.Count == 0)
        {
            o.WriteLine("No entries match.");
            return;
        }

        o.WriteLine(string.Create(C, $"{"TIME (UTC)",-19}  {"SEVERITY",-8}  {"KIND",-7}  {"TERMINAL",-10}  {"REF",-10}  MESSAGE"));
        foreach (var e in page.Entries)
        {
            o.WriteLine(string.Create(C,
                $"{e.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {e.Severity,-8}  {e.Kind,-7}  {Clip(e.Terminal, 10),-10}  {Clip(e.Reference, 10),-10}  {Clip(e.Message, 100)}"));
            if (e.Hint is not null || e.KnowledgeBaseUrl is not null)
            {
                o.WriteLine(string.Create(C, $"{"",21}hint: {DisplayText.Escape(e.Hint)}{(e.KnowledgeBaseUrl is null ? "" : $" ({DisplayText.Escape(e.KnowledgeBaseUrl.ToString())})")}"));
            }
        }

        o.WriteLine();
        o.WriteLine(page.Next is null
            ? string.Create(C, $"{page.Entries.Count} entr{(page.Entries.Count == 1 ? "y" : "ies")}.")
            : string.Create(C, $"{page.Entries.Count} entries shown; more with --after {page.Next}"));
    }

    public static void WriteDashboard(LogDashboardSnapshot d, TextWriter o)
    {
        o.WriteLine(string.Create(C, $"Dashboard, {d.Hours.Count} hours from {d.From.UtcDateTime:yyyy-MM-dd HH:mm} to {d.To.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
        o.WriteLine();
        o.WriteLine(string.Create(C, $"{"",-18}{"SUCCESS",12}  {"ALERT",10}  {"ERROR",10}"));
        o.WriteLine(string.Create(C, $"{"Total",-18}{d.Total(LogSeverity.Success),12:N0}  {d.Total(LogSeverity.Alert),10:N0}  {d.Total(LogSeverity.Error),10:N0}"));
        o.WriteLine();
        var peak = Math.Max(1, d.Hours.Max(h => h.Alert + h.Error));
        foreach (var (hour, success, alert, error) in d.Hours)
        {
            var bar = new string('#', (int)Math.Ceiling(20.0 * error / peak)) + new string('+', (int)Math.Ceiling(20.0 * alert / peak));
            o.WriteLine(string.Create(C, $"{hour.UtcDateTime:yyyy-MM-dd HH:00}  {success,12:N0}  {alert,10:N0}  {error,10:N0}  {bar}"));
        }

        o.WriteLine();
        if (d.Templates.Count > 0)
        {
            o.WriteLine("Top errors and alerts by message template:");
            o.WriteLine(string.Create(C, $"{"COUNT",10}  {"SEVERITY",-8}  {"KIND",-7}  {"TERMINALS",9}  {"LAST SEEN (UTC)",-19}  TEMPLATE"));
            foreach (var t in d.Templates)
            {
                o.WriteLine(string.Create(C,
                    $"{t.Count,10:N0}  {t.Severity,-8}  {t.Kind,-7}  {t.TerminalCount,9:N0}  {t.LastSeen.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {Clip(t.Template, 80)}"));
                if (t.Hint is not null)
                {
                    o.WriteLine(string.Create(C, $"{"",42}hint: {DisplayText.Escape(t.Hint)}{(t.KnowledgeBaseUrl is null ? "" : $" ({DisplayText.Escape(t.KnowledgeBaseUrl.ToString())})")}"));
                }
            }

            o.WriteLine();
        }

        if (d.Terminals.Count > 0)
        {
            o.WriteLine("Terminals with the most errors:");
            o.WriteLine(string.Create(C, $"{"ERRORS",10}  {"TERMINAL",-16}  {"ORGANIZATION",-16}  LAST ERROR (UTC)"));
            foreach (var t in d.Terminals)
            {
                o.WriteLine(string.Create(C, $"{t.Count,10:N0}  {Clip(t.Terminal, 16),-16}  {Clip(t.Organization ?? "", 16),-16}  {t.LastSeen.UtcDateTime:yyyy-MM-dd HH:mm:ss}"));
            }

            if (d.TerminalCount > d.Terminals.Count)
            {
                o.WriteLine(string.Create(C, $"{"",10}  … and {d.TerminalCount - d.Terminals.Count:N0} more terminals"));
            }
        }
    }

    /// <summary>Untrusted text made printable (<see cref="DisplayText"/>), then cut to its column.</summary>
    private static string Clip(string? s, int n)
    {
        s = DisplayText.Escape(s);
        return s.Length <= n ? s : string.Concat(s.AsSpan(0, n - 1), "…");
    }
}
