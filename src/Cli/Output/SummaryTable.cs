using System.Globalization;
using PosFleet.Logs;
using PosFleet.Logs.Scanning;

namespace PosFleet.Cli.Output;

/// <summary>The readable summary of a scan.</summary>
internal static class SummaryTable
{
    public static void Write(LogScanSummary s, int top, TextWriter o)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"Scanned {s.Lines:N0} lines ({s.Bytes / 1048576.0:0.0} MiB) from {s.Sources.Count} source(s); {s.LinesInScope:N0} in scope, {s.SelectedLines:N0} selected."));
        foreach (var source in s.Sources)
        {
            o.WriteLine(string.Create(c, $"  {DisplayText.Escape(source.Source)}  format={source.Format}  lines={source.Lines:N0}"));
        }

        o.WriteLine();
        o.WriteLine(string.Create(c, $"Severity   Success {s.Severities[LogSeverity.Success],12:N0}   Alert {s.Severities[LogSeverity.Alert],10:N0}   Error {s.Severities[LogSeverity.Error],10:N0}"));
        o.WriteLine(string.Create(c, $"Kind       Error {s.Kinds[LogKind.Error],10:N0}   Fail {s.Kinds[LogKind.Fail],10:N0}   Offline {s.Kinds[LogKind.Offline],10:N0}   Retry {s.Kinds[LogKind.Retry],10:N0}"));
        o.WriteLine();

        if (s.Templates.Count > 0)
        {
            o.WriteLine(string.Create(c, $"Top {Math.Min(top, s.Templates.Count)} of {s.Templates.Count} message templates:"));
            o.WriteLine(string.Create(c, $"{"COUNT",10}  {"KIND",-7}  {"TERMINALS",9}  {"LAST SEEN (UTC)",-19}  TEMPLATE"));
            foreach (var t in s.Templates.Take(top))
            {
                o.WriteLine(string.Create(c, $"{t.Count,10:N0}  {t.Kind,-7}  {Approximately(t.TerminalCount, t.TerminalCountIsEstimate),9}  {t.LastSeen.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {Clip(t.Template, 90)}"));
                if (t.Hint is not null)
                {
                    o.WriteLine(string.Create(c, $"{"",32}hint: {DisplayText.Escape(t.Hint)}{(t.KnowledgeBaseUrl is null ? "" : $" ({DisplayText.Escape(t.KnowledgeBaseUrl.ToString())})")}"));
                }
            }

            if (s.Templates.Count > top)
            {
                o.WriteLine(string.Create(c, $"{"",10}  … and {s.Templates.Count - top:N0} more templates"));
            }

            o.WriteLine();
        }

        if (s.Terminals.Count > 0)
        {
            var listed = Math.Min(top, s.Terminals.Count);
            o.WriteLine(string.Create(c, $"Top {listed} of {Approximately(s.TerminalCount, s.TerminalCountIsEstimate)} terminals{(s.TerminalCountsMaxError > 0 ? $" (counts may be short by up to {s.TerminalCountsMaxError:N0})" : "")}:"));
            o.WriteLine(string.Create(c, $"{"COUNT",10}  {"TERMINAL",-16}  {"ORGANIZATION",-16}  KINDS"));
            foreach (var t in s.Terminals.Take(top))
            {
                var kinds = string.Join(" ", t.Kinds.Select(k => $"{k.Key}={k.Value}"));
                o.WriteLine(string.Create(c, $"{t.Count,10:N0}  {Clip(t.Terminal.Length == 0 ? "(none)" : t.Terminal, 16),-16}  {Clip(t.Organization ?? "", 16),-16}  {kinds}"));
            }

            if (s.TerminalCount > listed)
            {
                o.WriteLine(string.Create(c, $"{"",10}  … and {Approximately(s.TerminalCount - listed, s.TerminalCountIsEstimate)} more terminals"));
            }

            o.WriteLine();
        }

        if (s.UntimedLines > 0 || s.ContinuationLines > 0)
        {
            o.WriteLine(string.Create(c, $"Untimed entries (no timestamp): {s.UntimedLines:N0}; continuation lines (stack frames, part of the entry above): {s.ContinuationLines:N0}"));
        }

        if (s.MalformedLines > 0)
        {
            o.WriteLine(string.Create(c, $"Malformed lines: {s.MalformedLines:N0}; first at:"));
            foreach (var m in s.FirstMalformed)
            {
                o.WriteLine(string.Create(c, $"  {DisplayText.Escape(m.Position.ToString())}  {m.Reason}"));
            }
        }

        if (s.OverLongLines > 0)
        {
            o.WriteLine(string.Create(c, $"Over-long lines (skipped, not read as entries): {s.OverLongLines:N0}; first at:"));
            foreach (var position in s.FirstOverLong)
            {
                o.WriteLine(string.Create(c, $"  {DisplayText.Escape(position.ToString())}"));
            }
        }
    }

    /// <summary>A count, with "~" before it when it is an estimate.</summary>
    private static string Approximately(long n, bool estimate) => string.Create(CultureInfo.InvariantCulture, $"{(estimate ? "~" : "")}{n:N0}");

    /// <summary>Untrusted text made printable (<see cref="DisplayText"/>), then cut to its column.</summary>
    private static string Clip(string? s, int n)
    {
        s = DisplayText.Escape(s);
        return s.Length <= n ? s : string.Concat(s.AsSpan(0, n - 1), "…");
    }
}
