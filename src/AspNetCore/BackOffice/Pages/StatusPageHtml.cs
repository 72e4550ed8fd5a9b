using System.Globalization;
using PosFleet.Status;
using static PosFleet.AspNetCore.BackOffice.Pages.PageHtml;
using static PosFleet.AspNetCore.BackOffice.Pages.PageStrings;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>The status page's HTML: the filter form (a GET, so it works without script), the rows and the reset confirmation.</summary>
internal static class StatusPageHtml
{
    public static void Filters(PageHtml html, StatusBoardForm form, IReadOnlyList<string> organizations)
    {
        html.Raw($"<form method=\"get\" action=\"{Attr(html.Url("status"))}\" class=\"filters\" id=\"board-filters\">");
        html.Raw($"<label>{Encode(Get("Organization"))} <select name=\"org\"><option value=\"\">{Encode(Get("AllOrganizations"))}</option>");
        foreach (var organization in organizations)
        {
            html.Raw($"<option{(organization == form.Organization ? " selected" : "")}>{Encode(organization)}</option>");
        }

        html.Raw("</select></label>");
        html.Raw($"<label>{Encode(Get("UpdatedWithin"))} <input type=\"number\" name=\"within\" min=\"1\" inputmode=\"numeric\" value=\"{form.Within?.ToString(CultureInfo.InvariantCulture)}\"></label>");
        html.Raw("<select name=\"unit\" aria-label=\"unit\">");
        foreach (var unit in new[] { "days", "hours", "minutes" })
        {
            html.Raw($"<option value=\"{unit}\"{(unit == form.Unit ? " selected" : "")}>{Encode(Get("Unit_" + unit))}</option>");
        }

        html.Raw("</select>");
        html.Raw($"<label><input type=\"checkbox\" name=\"hideSynced\" value=\"on\"{(form.HideSynced ? " checked" : "")}> {Encode(Get("HideSynced"))}</label>");
        html.Raw($"<fieldset><legend>{Encode(Get("Health"))}</legend>");
        foreach (var health in new[] { TerminalHealth.Red, TerminalHealth.Grey, TerminalHealth.Yellow, TerminalHealth.Green })
        {
            html.Raw($"<label class=\"h-{health.ToString().ToLowerInvariant()}\"><input type=\"checkbox\" name=\"health\" value=\"{health}\"{(form.Health.Contains(health) ? " checked" : "")}> {Encode(Get("Health_" + health))}</label>");
        }

        html.Raw("</fieldset>");
        html.Raw($"<label>{Encode(Get("Search"))} <input type=\"search\" name=\"q\" maxlength=\"200\" value=\"{Attr(form.Text)}\"></label>");
        html.Raw($"<label>{Encode(Get("SortBy"))} <select name=\"sort\">");
        foreach (var sort in Enum.GetValues<StatusBoardSort>())
        {
            html.Raw($"<option value=\"{sort}\"{(sort == form.Sort ? " selected" : "")}>{Encode(Get("Sort_" + sort))}</option>");
        }

        html.Raw($"</select></label><button type=\"submit\" id=\"board-search\">{Encode(Get("SearchButton"))}</button>");
        html.Raw($"<a class=\"button\" id=\"board-excel\" href=\"{Attr(html.Url("status/export") + form.ToQueryString())}\">Excel</a></form>");
        if (form.Problems.Count > 0)
        {
            html.Raw($"<p class=\"problem\" role=\"alert\">{Encode(Get("WithinInvalid"))}</p>");
        }
    }

    public static void Rows(PageHtml html, StatusBoardForm form, StatusBoardPage page, DateTimeOffset now)
    {
        if (page.Rows.Count == 0)
        {
            html.Raw($"<p class=\"empty\">{Encode(Get("NoTerminals"))}</p>");
            return;
        }

        html.Raw("<div class=\"scroll\"><table id=\"board\"><thead><tr>");
        foreach (var title in new[] { "Organization", "Terminal", "Health", "Version", "LastUpdate", "LastSync", "LastHeard", "LastSyncError", "Outbox", "Actions" })
        {
            html.Raw($"<th scope=\"col\">{Encode(Get("Col_" + title))}</th>");
        }

        html.Raw("</tr></thead><tbody>");
        var from = now.AddDays(-1).UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        var to = now.UtcDateTime.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);
        foreach (var row in page.Rows)
        {
            var s = row.Status;
            var health = row.Health.ToString().ToLowerInvariant();
            html.Raw($"<tr class=\"h-{health}\" data-health=\"{row.Health}\" data-terminal=\"{Attr(s.TerminalId)}\">");
            html.Raw($"<td>{Encode(s.Organization)}</td><td>{Encode(s.TerminalId)}</td><td>{Encode(Get("Health_" + row.Health))}</td>");
            html.Raw($"<td>{Encode(s.ApplicationVersion)}{(row.TargetVersion is { } target ? $" <small>→ {Encode(target)}</small>" : "")}</td>");
            html.Raw($"<td>{Encode(Time(s.LastUpdate))}</td><td>{Encode(Time(s.LastSync))}</td><td>{Encode(Time(s.ReceivedAt))}</td>");
            html.Raw($"<td class=\"error\">{Encode(s.LastSyncError)}</td><td>{s.OutboxDepth.ToString(CultureInfo.InvariantCulture)}</td><td class=\"row-actions\">");
            RowActions(html, s, from, to);
            html.Raw("</td></tr>");
        }

        html.Raw("</tbody></table></div>");
        if (page.Next is { } next)
        {
            html.Raw($"<p><a rel=\"next\" id=\"board-next\" href=\"{Attr(html.Url("status") + form.ToQueryString(next))}\">{Encode(Get("NextPage"))}</a></p>");
        }
    }

    private static void RowActions(PageHtml html, TerminalStatus s, string from, string to)
    {
        html.Raw($"<details><summary>{Encode(Get("RetrieveLogs"))}</summary>");
        html.FormPost("status/retrieve-logs", "retrieve-logs").Hidden("org", s.Organization).Hidden("terminal", s.TerminalId);
        html.Raw($"<label>{Encode(Get("From"))} <input type=\"datetime-local\" name=\"from\" value=\"{from}\"></label>");
        html.Raw($"<label>{Encode(Get("To"))} <input type=\"datetime-local\" name=\"to\" value=\"{to}\"></label> <small>UTC</small>");
        html.Raw($"<label>{Encode(Get("MaxSize"))} <input type=\"number\" name=\"maxMb\" min=\"1\" max=\"1024\" value=\"10\"> MB</label>");
        html.Raw($"<button type=\"submit\">{Encode(Get("RequestLogs"))}</button></form></details>");

        html.FormPost("status/reset", "reset").Hidden("org", s.Organization).Hidden("terminal", s.TerminalId);
        html.Raw($"<button type=\"submit\" class=\"danger\">{Encode(Get("ResetDatabase"))}</button></form>");

        html.Raw($"<details><summary>{Encode(Get("QueueAction"))}</summary>");
        html.FormPost("status/action", "queue-action").Hidden("org", s.Organization).Hidden("terminal", s.TerminalId);
        html.Raw("<select name=\"name\" aria-label=\"action\">");
        foreach (var name in ActionsPage.Queueable)
        {
            html.Raw($"<option value=\"{Attr(name)}\">{Encode(ActionName(name))}</option>");
        }

        html.Raw($"</select><button type=\"submit\">{Encode(Get("Queue"))}</button></form></details>");
        var actions = html.Url("actions") + Query(("org", s.Organization), ("terminal", s.TerminalId));
        html.Raw($"<a href=\"{Attr(actions)}\">{Encode(Get("ActionsAndArchives"))}</a>");
    }

    public static void ConfirmReset(PageHtml html, string organization, string terminal)
    {
        html.Raw($"<p class=\"warning\" role=\"alert\" id=\"reset-warning\">{Encode(Format("ResetWarning", terminal, organization))}</p>");
        html.FormPost("status/reset").Hidden("org", organization).Hidden("terminal", terminal).Hidden("confirm", "yes");
        html.Raw($"<button type=\"submit\" class=\"danger\" id=\"reset-confirm\">{Encode(Get("ResetConfirm"))}</button> ");
        html.Raw($"<a href=\"{Attr(html.Url("status"))}\" id=\"reset-cancel\">{Encode(Get("Cancel"))}</a></form>");
    }
}
