using Microsoft.AspNetCore.Http;
using PosFleet.Actions;
using static PosFleet.AspNetCore.BackOffice.Pages.PageHtml;
using static PosFleet.AspNetCore.BackOffice.Pages.PageStrings;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>The actions page's HTML: the scope (organization, terminal), "add an action", and the pending and done tables.</summary>
internal static class ActionsPageHtml
{
    public static void Scope(PageHtml html, IReadOnlyList<string> organizations, string organization, string? terminal)
    {
        html.Raw($"<form method=\"get\" action=\"{Attr(html.Url("actions"))}\" class=\"filters\">");
        html.Raw($"<label>{Encode(Get("Organization"))} <select name=\"org\">");
        foreach (var o in organizations)
        {
            html.Raw($"<option{(o == organization ? " selected" : "")}>{Encode(o)}</option>");
        }

        html.Raw($"</select></label><label>{Encode(Get("Col_Terminal"))} <input type=\"search\" name=\"terminal\" maxlength=\"200\" value=\"{Attr(terminal)}\"></label>");
        html.Raw($"<button type=\"submit\">{Encode(Get("SearchButton"))}</button></form>");
    }

    public static void AddForm(PageHtml html, string organization, string? terminal)
    {
        html.Raw($"<details class=\"add\"{(terminal is null ? "" : " open")}><summary>{Encode(Get("AddAction"))}</summary>");
        html.FormPost("actions/add", "add-action").Hidden("org", organization);
        html.Raw($"<label>{Encode(Get("Col_Terminal"))} <input name=\"terminal\" id=\"add-terminal\" maxlength=\"200\" value=\"{Attr(terminal)}\" placeholder=\"{Attr(Get("AllTerminals"))}\"></label>");
        html.Raw($"<label>{Encode(Get("Action"))} <select name=\"name\" id=\"add-name\">");
        foreach (var name in ActionsPage.Queueable)
        {
            html.Raw($"<option value=\"{Attr(name)}\">{Encode(ActionName(name))}</option>");
        }

        html.Raw($"</select></label><label>{Encode(Get("Parameters"))} <textarea name=\"parameters\" rows=\"2\" placeholder=\"order=1234\"></textarea></label>");
        html.Raw($"<button type=\"submit\" id=\"add-submit\">{Encode(Get("Queue"))}</button></form></details>");
    }

    public static void Table(PageHtml html, string id, string title, RemoteActionPage page, string organization, string? terminal, string cursorName)
    {
        html.Raw($"<h2>{Encode(title)}</h2>");
        if (page.Actions.Count == 0)
        {
            html.Raw($"<p class=\"empty\" id=\"{id}-empty\">{Encode(Get("NoActions"))}</p>");
            return;
        }

        html.Raw($"<div class=\"scroll\"><table id=\"{id}\"><thead><tr>");
        foreach (var column in new[] { "Col_Terminal", "Action", "State", "Queued", "Result", "" })
        {
            html.Raw($"<th scope=\"col\">{(column.Length == 0 ? "" : Encode(Get(column)))}</th>");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var action in page.Actions)
        {
            html.Raw($"<tr data-action=\"{action.Id}\" data-state=\"{action.State}\" class=\"s-{action.State.ToString().ToLowerInvariant()}\">");
            html.Raw($"<td>{Encode(action.TerminalId)}</td><td>{Encode(ActionName(action.Name))}");
            if (action.Parameters.Count > 0)
            {
                html.Raw($"<br><small>{Encode(string.Join(", ", action.Parameters.Select(p => $"{p.Key}={p.Value}")))}</small>");
            }

            html.Raw($"</td><td>{Encode(Get("State_" + action.State))}</td><td>{Encode(Time(action.CreatedAt))}</td><td>");
            if (action.Detail is { } detail)
            {
                html.Raw($"<div>{Encode(detail)}</div>");
            }

            if (action.Output is { } output)
            {
                html.Raw($"<details><summary>{Encode(Get("Output"))}</summary><pre>{Encode(output)}</pre></details>");
            }

            if (action.UploadedBytes is { } bytes)
            {
                var href = html.Url("actions/archive") + QueryString.Create("id", action.Id.ToString()).ToUriComponent();
                html.Raw($"<a class=\"archive\" href=\"{Attr(href)}\" download>{Encode(Get("DownloadArchive"))} ({Encode(ActionsPage.Size(bytes))})</a>");
            }

            html.Raw("</td><td>");
            if (action.State == RemoteActionState.Pending)
            {
                html.FormPost("actions/cancel", "cancel").Hidden("id", action.Id.ToString()).Hidden("terminal", terminal);
                html.Raw($"<button type=\"submit\">{Encode(Get("Cancel"))}</button></form>");
            }

            html.Raw("</td></tr>");
        }

        html.Raw("</tbody></table></div>");
        if (page.Next is { } next)
        {
            var values = new List<KeyValuePair<string, string?>> { new("org", organization), new(cursorName, next) };
            if (terminal is not null)
            {
                values.Add(new("terminal", terminal));
            }

            html.Raw($"<p><a rel=\"next\" href=\"{Attr(html.Url("actions") + QueryString.Create(values).ToUriComponent())}\">{Encode(Get("NextPage"))}</a></p>");
        }
    }
}
