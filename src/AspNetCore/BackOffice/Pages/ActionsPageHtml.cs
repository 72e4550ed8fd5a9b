using PosFleet.Actions;
using PosFleet.AspNetCore.BackOffice.Internal;
using static PosFleet.AspNetCore.BackOffice.Pages.PageParts;
using Words = PosFleet.AspNetCore.BackOffice.Pages.PageStrings.PageWords;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>The actions page's HTML: the terminal filter, "add an action", and the pending and done tables.</summary>
internal static class ActionsPageHtml
{
    public static void Scope(Html html, BackOfficeRequest request, Words words, string? terminal)
    {
        html.Write($"""<form method="get" action="{request.BasePath}/actions" class="pf-filters"><input type="hidden" name="org" value="{request.Organization}">""");
        html.Write($"""<label>{words["Col_Terminal"]} <input type="search" name="terminal" maxlength="200" value="{terminal}"></label>""");
        html.Write($"""<button type="submit">{words["SearchButton"]}</button></form>""");
    }

    public static void AddForm(Html html, BackOfficeRequest request, Words words, string? terminal)
    {
        html.Write($"""<details class="add pf-card"{If(terminal is not null, "open")}><summary>{words["AddAction"]}</summary>""");
        html.Write($"""<form method="post" action="{request.BasePath}/actions/add" class="add-action pf-filters">{request.FormFields()}""");
        html.Write($"""<label>{words["Col_Terminal"]} <input name="terminal" id="add-terminal" maxlength="200" value="{terminal}" placeholder="{words["AllTerminals"]}"></label>""");
        html.Write($"""<label>{words["Action"]} <select name="name" id="add-name">""");
        foreach (var name in ActionsPage.Queueable)
        {
            html.Write($"""<option value="{name}">{words.ActionName(name)}</option>""");
        }

        html.Write($"""</select></label><label>{words["Parameters"]} <textarea name="parameters" rows="2" placeholder="order=1234"></textarea></label>""");
        html.Write($"""<button type="submit" id="add-submit">{words["Queue"]}</button></form></details>""");
    }

    public static void Table(Html html, BackOfficeRequest request, Words words, string id, string title, RemoteActionPage page, string? terminal, string cursorName)
    {
        html.Write($"<h2>{title}</h2>");
        if (page.Actions.Count == 0)
        {
            html.Write($"""<p class="pf-empty" id="{id}-empty">{words["NoActions"]}</p>""");
            return;
        }

        html.Write($"""<div class="pf-table-wrap"><table class="pf-table" id="{id}"><thead><tr>""");
        foreach (var column in new[] { "Col_Terminal", "Action", "State", "Queued", "Result" })
        {
            html.Write($"""<th scope="col">{words[column]}</th>""");
        }

        html.Write($"<th></th></tr></thead><tbody>");
        foreach (var action in page.Actions)
        {
            html.Write($"""<tr data-action="{action.Id}" data-state="{action.State}"><td>{action.TerminalId}</td><td>{words.ActionName(action.Name)}""");
            if (action.Parameters.Count > 0)
            {
                html.Write($"""<br><small>{string.Join(", ", action.Parameters.Select(p => $"{p.Key}={p.Value}"))}</small>""");
            }

            html.Write($"""</td><td>{words["State_" + action.State]}</td><td>{request.Time(action.CreatedAt)}</td><td class="pf-message">""");
            if (action.Detail is { } detail)
            {
                html.Write($"<div>{detail}</div>");
            }

            if (action.Output is { } output)
            {
                html.Write($"""<details><summary>{words["Output"]}</summary><pre>{output}</pre></details>""");
            }

            if (action.UploadedBytes is { } bytes)
            {
                html.Write($"""<a class="archive" href="{request.Link("actions/archive", ("id", action.Id.ToString()))}" download>{words["DownloadArchive"]} ({ActionsPage.Size(bytes)})</a>""");
            }

            html.Write($"</td><td>");
            if (action.State == RemoteActionState.Pending)
            {
                html.Write($"""<form method="post" action="{request.BasePath}/actions/cancel" class="cancel">{request.FormFields()}<input type="hidden" name="id" value="{action.Id}"><input type="hidden" name="terminal" value="{terminal}">""");
                html.Write($"""<button type="submit" class="pf-button">{words["Cancel"]}</button></form>""");
            }

            html.Write($"</td></tr>");
        }

        html.Write($"</tbody></table></div>");
        if (page.Next is { } next)
        {
            html.Write($"""<p class="pf-pager"><a rel="next" href="{request.Link("actions", ("terminal", terminal), (cursorName, next))}">{words["NextPage"]}</a></p>""");
        }
    }
}
