using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs;
using PosFleet.Logs.Dashboard;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The dashboard of the last 48 hours (seed 001): the hourly chart, the Success / Alerts / Errors tiles that open the
/// reports filtered, the most frequent errors and alerts with their hints, the terminals with the most errors, each with
/// a "contact support" link. Read through <see cref="ILogDashboard"/>, the query the CLI's dashboard uses.
/// </summary>
internal static class DashboardPage
{
    public static async ValueTask<BackOfficeView> LoadAsync(BackOfficeRequest request, CancellationToken cancellationToken)
    {
        var dashboard = request.HttpContext!.RequestServices.GetRequiredService<ILogDashboard>();
        var snapshot = await dashboard.GetAsync(new LogDashboardQuery { Organization = request.Organization }, cancellationToken).ConfigureAwait(false);
        var words = DashboardStrings.For(request.Culture);
        return new BackOfficeView(request.Strings.Dashboard, "", html => Write(html, request, words, snapshot));
    }

    private static void Write(Html html, BackOfficeRequest request, DashboardStrings words, LogDashboardSnapshot snapshot)
    {
        var from = LogLinks.LocalInput(request, snapshot.From);
        var to = LogLinks.LocalInput(request, snapshot.To);
        html.Write($"""<p class="pf-hint">{string.Format(request.Culture, words.Window, snapshot.Hours.Count, request.Time(snapshot.From), request.Time(snapshot.To))}</p>""");
        html.Write($"""<div class="pf-tiles">""");
        foreach (var severity in new[] { LogSeverity.Success, LogSeverity.Alert, LogSeverity.Error })
        {
            var link = request.Link("reports", ("severity", severity.ToString()), ("from", from), ("to", to));
            html.Write($"""<a class="pf-tile {LogLinks.Css(severity)}" data-severity="{severity}" href="{link}" title="{words.OpenReports}"><strong>{request.Count(snapshot.Total(severity))}</strong>{request.Strings.Severities[severity]}</a>""");
        }

        html.Write($"</div>");
        DashboardChart.Write(html, request, words, snapshot.Hours);
        WriteTemplates(html, request, words, snapshot, from, to);
        WriteTerminals(html, request, words, snapshot, from, to);
    }

    private static void WriteTemplates(Html html, BackOfficeRequest request, DashboardStrings words, LogDashboardSnapshot snapshot, string from, string to)
    {
        html.Write($"<h2>{words.TopTemplates}</h2>");
        if (snapshot.Templates.Count == 0)
        {
            html.Write($"""<p class="pf-empty">{words.Nothing}</p>""");
            return;
        }

        html.Write($"""<div class="pf-table-wrap"><table class="pf-table pf-templates"><thead><tr><th>{words.Message}</th><th>{words.Kind}</th><th class="pf-num">{words.Count}</th><th class="pf-wide">{words.Terminals}</th><th class="pf-wide">{words.LastSeen}</th><th>{words.WhatToDo}</th></tr></thead><tbody>""");
        foreach (var group in snapshot.Templates)
        {
            var reports = request.Link("reports", ("template", group.TemplateId.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("from", from), ("to", to));
            html.Write($"""<tr class="pf-row-{(group.Severity == LogSeverity.Alert ? "alert" : "error")}"><td class="pf-message"><a href="{reports}">{group.Template}</a></td><td><span class="pf-badge {LogLinks.Css(group.Severity)}">{request.Strings.Kinds[group.Kind]}</span></td><td class="pf-num">{request.Count(group.Count)}</td><td class="pf-wide">{string.Join(", ", group.Terminals.Take(3))}{(group.TerminalCount > 3 ? " …" : "")}</td><td class="pf-wide">{request.Time(group.LastSeen)}</td><td>""");
            WriteHint(html, words, group.Origin, group.Hint, group.KnowledgeBaseUrl);
            var terminal = group.Example.Terminal ?? "";
            var support = LogLinks.Support(
                request,
                string.Format(request.Culture, words.SupportSubject, terminal, request.Organization),
                string.Format(request.Culture, words.SupportBody, terminal, request.Organization, group.Example.Message, request.Count(group.Count), request.Time(group.LastSeen)));
            if (support is not null)
            {
                html.Write($"""<div><a class="pf-support" href="{support}">{words.ContactSupport}</a></div>""");
            }

            html.Write($"</td></tr>");
        }

        html.Write($"</tbody></table></div>");
    }

    private static void WriteTerminals(Html html, BackOfficeRequest request, DashboardStrings words, LogDashboardSnapshot snapshot, string from, string to)
    {
        html.Write($"<h2>{words.BusiestTerminals}</h2>");
        if (snapshot.Terminals.Count == 0)
        {
            html.Write($"""<p class="pf-empty">{words.Nothing}</p>""");
            return;
        }

        html.Write($"""<div class="pf-table-wrap"><table class="pf-table pf-terminals"><thead><tr><th>{words.Terminal}</th><th class="pf-num">{words.Errors}</th><th class="pf-wide">{words.Kind}</th><th class="pf-wide">{words.LastSeen}</th><th></th></tr></thead><tbody>""");
        foreach (var terminal in snapshot.Terminals)
        {
            var reports = request.Link("reports", ("terminal", terminal.Terminal), ("severity", nameof(LogSeverity.Error)), ("from", from), ("to", to));
            var kinds = string.Join(", ", terminal.Kinds.Where(k => k.Value > 0).OrderByDescending(k => k.Value).Select(k => $"{request.Strings.Kinds[k.Key]} {request.Count(k.Value)}"));
            html.Write($"""<tr class="pf-row-error"><td><a href="{reports}">{terminal.Terminal}</a></td><td class="pf-num">{request.Count(terminal.Count)}</td><td class="pf-wide">{kinds}</td><td class="pf-wide">{request.Time(terminal.LastSeen)}</td><td>""");
            var support = LogLinks.Support(
                request,
                string.Format(request.Culture, words.SupportSubject, terminal.Terminal, request.Organization),
                string.Format(request.Culture, words.SupportBody, terminal.Terminal, request.Organization, kinds, request.Count(terminal.Count), request.Time(terminal.LastSeen)));
            if (support is not null)
            {
                html.Write($"""<a class="pf-support" href="{support}">{words.ContactSupport}</a>""");
            }

            html.Write($"</td></tr>");
        }

        html.Write($"</tbody></table></div>");
        if (snapshot.TerminalCount > snapshot.Terminals.Count)
        {
            html.Write($"""<p class="pf-hint">{string.Format(request.Culture, words.MoreTerminals, snapshot.TerminalCount - snapshot.Terminals.Count)}</p>""");
        }
    }

    /// <summary>A rule's origin, its hint and its knowledge-base link (a web address only), all encoded.</summary>
    public static void WriteHint(Html html, DashboardStrings words, string? origin, string? hint, Uri? knowledgeBase)
    {
        if (origin is not null)
        {
            html.Write($"""<div class="pf-rule-origin">{origin}</div>""");
        }

        if (hint is not null)
        {
            html.Write($"""<div class="pf-hint">{hint}</div>""");
        }

        if (LogLinks.KnowledgeBase(knowledgeBase) is { } kb)
        {
            html.Write($"""<div><a class="pf-kb" href="{kb.AbsoluteUri}" rel="noopener noreferrer" target="_blank">{words.KnowledgeBase}</a></div>""");
        }
    }
}
