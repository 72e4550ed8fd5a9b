using Microsoft.Extensions.DependencyInjection;
using PosFleet.Logs;
using PosFleet.Logs.Storage;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The reports (seed 001): the organization's log entries, newest first, searched by message and reference and filtered
/// by level, kind, terminal and time, one page at a time (the store's keyset cursor), each with its hint and
/// knowledge-base link. Read through <see cref="ILogStore.QueryAsync"/>, the query the CLI's search runs.
/// </summary>
internal static class ReportsPage
{
    public static async ValueTask<BackOfficeView> LoadAsync(BackOfficeRequest request, CancellationToken cancellationToken)
    {
        var context = request.HttpContext!;
        var filter = ReportsFilter.Read(context.Request.Query, request.TimeZone);
        var store = context.RequestServices.GetRequiredService<ILogStore>();
        var page = await store.QueryAsync(filter.ToQuery(request.Organization, request.Options.PageSize), cancellationToken).ConfigureAwait(false);
        var words = ReportsStrings.For(request.Culture);
        return new BackOfficeView(request.Strings.Reports, "reports", html => Write(html, request, words, filter, page));
    }

    private static void Write(Html html, BackOfficeRequest request, ReportsStrings words, ReportsFilter filter, LogPage page)
    {
        WriteFilters(html, request, words, filter);
        foreach (var rejected in filter.Rejected)
        {
            html.Write($"""<p class="pf-field-error" role="alert">{string.Format(request.Culture, words.BadTime, rejected)}</p>""");
        }

        if (page.Entries.Count == 0)
        {
            html.Write($"""<p class="pf-empty">{words.NoEntries}</p>""");
        }
        else
        {
            var dashboard = DashboardStrings.For(request.Culture);
            html.Write($"""<div class="pf-table-wrap"><table class="pf-table pf-entries"><thead><tr><th>{words.Time}</th><th>{words.Severity}</th><th class="pf-wide">{words.Terminal}</th><th class="pf-wide">{words.Component}</th><th>{words.Reference}</th><th>{words.Message}</th><th>{words.WhatToDo}</th></tr></thead><tbody>""");
            foreach (var entry in page.Entries)
            {
                var css = LogLinks.Css(entry.Severity);
                var kind = entry.Kind == LogKind.None ? request.Strings.Severities[entry.Severity] : request.Strings.Kinds[entry.Kind];
                html.Write($"""<tr class="pf-row-{css[3..]}" data-severity="{entry.Severity}"><td>{request.Time(entry.Timestamp)}</td><td><span class="pf-badge {css}">{kind}</span></td><td class="pf-wide">{entry.Terminal}</td><td class="pf-wide">{entry.Component}</td><td class="pf-reference">{entry.Reference}</td><td class="pf-message">{entry.Message}</td><td>""");
                DashboardPage.WriteHint(html, dashboard, entry.Origin, entry.Hint, entry.KnowledgeBaseUrl);
                html.Write($"</td></tr>");
            }

            html.Write($"</tbody></table></div>");
        }

        html.Write($"""<nav class="pf-pager">""");
        var values = filter.ToQueryValues(request).ToArray();
        if (filter.After is not null)
        {
            html.Write($"""<a class="pf-first" href="{request.Link("reports", values)}">{words.First}</a>""");
        }

        if (page.Next is { } next)
        {
            html.Write($"""<a class="pf-next" rel="next" href="{request.Link("reports", [.. values, ("after", next)])}">{words.Next}</a>""");
        }

        html.Write($"</nav>");
    }

    private static void WriteFilters(Html html, BackOfficeRequest request, ReportsStrings words, ReportsFilter filter)
    {
        html.Write($"""
            <form class="pf-card pf-filters" method="get" action="{request.BasePath}/reports">
            <input type="hidden" name="org" value="{request.Organization}">
            <label>{words.Search}<input type="search" name="q" value="{filter.Text}" maxlength="{LogQuery.MaxTextBytes}"></label>
            <label>{words.Reference}<input type="search" name="ref" value="{filter.Reference}" maxlength="{LogQuery.MaxFilterLength}"></label>
            <label>{words.Terminal}<input type="text" name="terminal" value="{filter.Terminal}" maxlength="{LogQuery.MaxFilterLength}"></label>
            <label>{words.Severity}<select name="severity"><option value="">{words.Any}</option>
            """);
        foreach (var severity in new[] { LogSeverity.Success, LogSeverity.Alert, LogSeverity.Error })
        {
            html.Write($"""<option value="{severity}"{Html.If(filter.Severities.Contains(severity), " selected")}>{request.Strings.Severities[severity]}</option>""");
        }

        html.Write($"""</select></label><label>{words.Kind}<select name="kind"><option value="">{words.Any}</option>""");
        foreach (var kind in Enum.GetValues<LogKind>())
        {
            html.Write($"""<option value="{kind}"{Html.If(filter.Kinds.Contains(kind), " selected")}>{request.Strings.Kinds[kind]}</option>""");
        }

        html.Write($"""
            </select></label>
            <label>{words.From}<input type="datetime-local" name="from" value="{(filter.From is { } from ? LogLinks.LocalInput(request, from) : null)}"></label>
            <label>{words.To}<input type="datetime-local" name="to" value="{(filter.To is { } to ? LogLinks.LocalInput(request, to) : null)}"></label>
            """);
        if (filter.TemplateId is { } template)
        {
            html.Write($"""<label>{words.OneTemplate}<input type="hidden" name="template" value="{template}"><a href="{request.Link("reports", filter with { TemplateId = null } is var f ? f.ToQueryValues(request).ToArray() : [])}">{words.Clear}</a></label>""");
        }

        html.Write($"""<button type="submit">{words.Apply}</button> <a href="{request.Link("reports")}">{words.Clear}</a></form>""");
    }
}
