using System.Globalization;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.Status;
using static PosFleet.AspNetCore.BackOffice.Pages.PageParts;
using Words = PosFleet.AspNetCore.BackOffice.Pages.PageStrings.PageWords;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>The status page's HTML: the filter form (a GET, so it works without script), the rows and the reset confirmation.</summary>
internal static class StatusPageHtml
{
    private static readonly TerminalHealth[] Healths = [TerminalHealth.Red, TerminalHealth.Grey, TerminalHealth.Yellow, TerminalHealth.Green];

    public static void Filters(Html html, BackOfficeRequest request, Words words, StatusBoardForm form)
    {
        html.Write($"""<form method="get" action="{request.BasePath}/status" class="pf-filters" id="board-filters">""");
        html.Write($"""<label>{words["Organization"]} <select name="org"><option value="">{words["AllOrganizations"]}</option>""");
        foreach (var organization in request.Scope!.Organizations)
        {
            html.Write($"""<option{If(organization == form.Organization, "selected")}>{organization}</option>""");
        }

        html.Write($"""</select></label><label>{words["UpdatedWithin"]} <input type="number" name="within" min="1" inputmode="numeric" value="{form.Within}"></label>""");
        html.Write($"""<label>{words["Unit"]} <select name="unit">""");
        foreach (var unit in new[] { "days", "hours", "minutes" })
        {
            html.Write($"""<option value="{unit}"{If(unit == form.Unit, "selected")}>{words["Unit_" + unit]}</option>""");
        }

        html.Write($"""</select></label><label><span><input type="checkbox" name="hideSynced" value="on"{If(form.HideSynced, "checked")}> {words["HideSynced"]}</span></label>""");
        html.Write($"""<fieldset class="pf-health-filter"><legend>{words["Health"]}</legend>""");
        foreach (var health in Healths)
        {
            html.Write($"""<label class="pf-health-{health.ToString().ToLowerInvariant()}"><span><input type="checkbox" name="health" value="{health}"{If(form.Health.Contains(health), "checked")}> {words["Health_" + health]}</span></label>""");
        }

        html.Write($"""</fieldset><label>{words["Search"]} <input type="search" name="q" maxlength="200" value="{form.Text}"></label>""");
        html.Write($"""<label>{words["SortBy"]} <select name="sort">""");
        foreach (var sort in Enum.GetValues<StatusBoardSort>())
        {
            html.Write($"""<option value="{sort}"{If(sort == form.Sort, "selected")}>{words["Sort_" + sort]}</option>""");
        }

        html.Write($"""</select></label><button type="submit" id="board-search">{words["SearchButton"]}</button>""");
        html.Write($"""<a class="pf-button" id="board-excel" href="{request.BasePath + "/status/export" + form.ToQueryString()}">Excel</a></form>""");
        if (form.Problems.Count > 0)
        {
            html.Write($"""<p class="pf-field-error" role="alert">{words["WithinInvalid"]}</p>""");
        }
    }

    public static void Rows(Html html, BackOfficeRequest request, Words words, StatusBoardForm form, StatusBoardPage page, DateTimeOffset now)
    {
        if (page.Rows.Count == 0)
        {
            html.Write($"""<p class="pf-empty">{words["NoTerminals"]}</p>""");
            return;
        }

        html.Write($"""<div class="pf-table-wrap"><table class="pf-table" id="board"><thead><tr>""");
        foreach (var title in new[] { "Organization", "Terminal", "Health", "Version", "LastUpdate", "LastSync", "LastHeard", "LastSyncError", "Outbox", "Actions" })
        {
            html.Write($"""<th scope="col">{words["Col_" + title]}</th>""");
        }

        html.Write($"</tr></thead><tbody>");
        var local = TimeZoneInfo.ConvertTime(now, request.TimeZone);
        var (from, to) = (local.AddDays(-1).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), local.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture));
        foreach (var row in page.Rows)
        {
            var s = row.Status;
            html.Write($"""<tr class="pf-health-{row.Health.ToString().ToLowerInvariant()}" data-health="{row.Health}" data-terminal="{s.TerminalId}">""");
            html.Write($"""<td>{s.Organization}</td><td>{s.TerminalId}</td><td>{words["Health_" + row.Health]}</td><td>{s.ApplicationVersion}""");
            if (row.Health == TerminalHealth.Yellow && row.TargetVersion is { } target)
            {
                html.Write($""" <small>→ {target}</small>""");
            }

            html.Write($"""</td><td>{Time(request, s.LastUpdate)}</td><td>{Time(request, s.LastSync)}</td><td>{Time(request, s.ReceivedAt)}</td>""");
            html.Write($"""<td class="pf-message">{s.LastSyncError}</td><td class="pf-num">{request.Count(s.OutboxDepth)}</td><td class="pf-row-actions">""");
            RowActions(html, request, words, s, from, to);
            html.Write($"</td></tr>");
        }

        html.Write($"</tbody></table></div>");
        if (page.Next is { } next)
        {
            html.Write($"""<p class="pf-pager"><a rel="next" id="board-next" href="{request.BasePath + "/status" + form.ToQueryString(next)}">{words["NextPage"]}</a></p>""");
        }
    }

    private static void RowActions(Html html, BackOfficeRequest request, Words words, TerminalStatus s, string from, string to)
    {
        html.Write($"""<details><summary>{words["RetrieveLogs"]}</summary><form method="post" action="{request.BasePath}/status/retrieve-logs" class="retrieve-logs">""");
        Fields(html, request, s);
        html.Write($"""<label>{words["From"]} <input type="datetime-local" name="from" value="{from}"></label>""");
        html.Write($"""<label>{words["To"]} <input type="datetime-local" name="to" value="{to}"></label> <small>{request.TimeZone.Id}</small>""");
        html.Write($"""<label>{words["MaxSize"]} <input type="number" name="maxMb" min="1" max="1024" value="10"> MB</label>""");
        html.Write($"""<button type="submit" class="pf-button">{words["RequestLogs"]}</button></form></details>""");

        html.Write($"""<form method="post" action="{request.BasePath}/status/reset" class="reset">""");
        Fields(html, request, s);
        html.Write($"""<button type="submit" class="pf-button pf-danger">{words["ResetDatabase"]}</button></form>""");

        html.Write($"""<details><summary>{words["QueueAction"]}</summary><form method="post" action="{request.BasePath}/status/action" class="queue-action">""");
        Fields(html, request, s);
        html.Write($"""<select name="name" aria-label="{words["Action"]}">""");
        foreach (var name in ActionsPage.Queueable)
        {
            html.Write($"""<option value="{name}">{words.ActionName(name)}</option>""");
        }

        html.Write($"""</select><button type="submit" class="pf-button">{words["Queue"]}</button></form></details>""");
        html.Write($"""<a href="{LinkFor(request, s.Organization, "actions", ("terminal", s.TerminalId))}">{words["ActionsAndArchives"]}</a>""");
        html.Write($""" <a class="sync-errors" href="{LinkFor(request, s.Organization, "status/errors", ("terminal", s.TerminalId))}">{words["SyncErrors"]}</a>""");
    }

    public static void ConfirmReset(Html html, BackOfficeRequest request, Words words, string terminal)
    {
        html.Write($"""<p class="pf-refusal" role="alert" id="reset-warning">{words.Format("ResetWarning", terminal, request.Organization)}</p>""");
        html.Write($"""<form method="post" action="{request.BasePath}/status/reset">{request.FormFields()}<input type="hidden" name="terminal" value="{terminal}"><input type="hidden" name="confirm" value="yes">""");
        html.Write($"""<button type="submit" class="pf-button pf-danger" id="reset-confirm">{words["ResetConfirm"]}</button> <a href="{request.Link("status")}" id="reset-cancel">{words["Cancel"]}</a></form>""");
    }

    /// <summary>A row's forms name the row's organization (the board may show several); the server checks it again.</summary>
    private static void Fields(Html html, BackOfficeRequest request, TerminalStatus s)
    {
        Antiforgery(html, request);
        html.Write($"""<input type="hidden" name="org" value="{s.Organization}"><input type="hidden" name="terminal" value="{s.TerminalId}">""");
    }

    private static string Time(BackOfficeRequest request, DateTimeOffset? at) => at is { } t ? request.Time(t) : "—";
}
