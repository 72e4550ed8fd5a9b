using System.Globalization;
using Microsoft.AspNetCore.Http;
using PosFleet.Digests;
using PosFleet.Logs;
using static PosFleet.AspNetCore.BackOffice.Pages.PageHtml;
using static PosFleet.AspNetCore.BackOffice.Pages.PageStrings;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>The digests page's HTML: the subscriptions, seed 000's form with its messages beside the fields, run now and the history.</summary>
internal static class DigestsPageHtml
{
    public static void Notice(PageHtml html, IQueryCollection query)
    {
        if (query["saved"] == "1")
        {
            html.Raw($"<p class=\"notice\" role=\"status\" id=\"digest-saved\">{Encode(Get("Saved"))}</p>");
        }

        if (Enum.TryParse<DigestRunOutcome>(query["ran"], out var outcome) && Enum.IsDefined(outcome))
        {
            html.Raw($"<p class=\"notice\" role=\"status\" id=\"digest-ran\">{Encode(Get("Outcome_" + outcome))}</p>");
        }
    }

    public static void List(PageHtml html, IReadOnlyList<DigestSubscription> subscriptions, string? selected)
    {
        html.Raw($"<h2>{Encode(Get("Subscriptions"))}</h2>");
        if (subscriptions.Count == 0)
        {
            html.Raw($"<p class=\"empty\">{Encode(Get("NoSubscriptions"))}</p>");
        }
        else
        {
            html.Raw("<ul class=\"subscriptions\">");
            foreach (var s in subscriptions)
            {
                var href = html.Url("digests") + QueryString.Create("id", s.Id).ToUriComponent();
                html.Raw($"<li{(s.Id == selected ? " aria-current=\"true\"" : "")}><a href=\"{Attr(href)}\">{Encode(s.Name)}</a> <small>{Encode(s.Organization)} · {Encode(s.Active ? Get("Active") : Get("Inactive"))}{(s.TestMode ? " · " + Encode(Get("Test")) : "")}</small></li>");
            }

            html.Raw("</ul>");
        }

        html.Raw($"<p><a href=\"{Attr(html.Url("digests"))}\" id=\"digest-new\">{Encode(Get("NewSubscription"))}</a></p>");
    }

    public static void Form(PageHtml html, DigestsSubscriptionForm form, IReadOnlyList<string> organizations, IReadOnlyList<FormProblem> problems)
    {
        html.Raw($"<h2>{Encode(form.Id is null ? Get("NewSubscription") : form.Name)}</h2>");
        foreach (var problem in problems.Where(p => p.Field.Length == 0))
        {
            html.Raw($"<p class=\"problem\" role=\"alert\">{Encode(problem.Argument)}</p>");
        }

        html.FormPost("digests/save", "subscription").Hidden("id", form.Id);
        Check(html, "active", Get("Active"), form.Active);
        Field(html, problems, "name", Get("Name"), $"<input id=\"f-name\" name=\"name\" required maxlength=\"200\" value=\"{Attr(form.Name)}\"");
        Check(html, "test", Get("Test"), form.TestMode);
        Field(html, problems, "recipients", Get("Recipients"), $"<input id=\"f-recipients\" name=\"recipients\" required maxlength=\"4000\" value=\"{Attr(form.Recipients)}\" placeholder=\"ops@example.com, ana@example.es\"", Get("RecipientsHelp"));
        Field(html, problems, "threshold", Get("Threshold"), $"<input id=\"f-threshold\" name=\"threshold\" type=\"number\" min=\"1\" required value=\"{Attr(form.Threshold)}\"");
        html.Raw($"<fieldset{Invalid(problems, "kinds")}><legend>{Encode(Get("Kinds"))}</legend>");
        foreach (var kind in new[] { LogKind.Error, LogKind.Fail, LogKind.Offline, LogKind.Retry })
        {
            html.Raw($"<label><input type=\"checkbox\" name=\"kinds\" value=\"{kind}\"{(form.Kinds.Contains(kind) ? " checked" : "")}> {kind}</label> <small>{Encode(Get("Kind_" + kind))}</small><br>");
        }

        Messages(html, problems, "kinds");
        html.Raw("</fieldset>");
        html.Raw($"<label for=\"f-organization\">{Encode(Get("Organization"))}</label><select id=\"f-organization\" name=\"organization\">");
        foreach (var o in organizations)
        {
            html.Raw($"<option{(o == form.Organization ? " selected" : "")}>{Encode(o)}</option>");
        }

        html.Raw("</select>");
        Messages(html, problems, "organization");
        Field(html, problems, "terminal", Get("TerminalOptional"), $"<input id=\"f-terminal\" name=\"terminal\" maxlength=\"200\" value=\"{Attr(form.Terminal)}\"");
        Field(html, problems, "sendTime", Get("SendTime"), $"<input id=\"f-sendTime\" name=\"sendTime\" type=\"time\" required value=\"{Attr(form.SendTime)}\"");
        Field(html, problems, "timeZone", Get("TimeZone"), $"<input id=\"f-timeZone\" name=\"timeZone\" required maxlength=\"100\" value=\"{Attr(form.TimeZone)}\" placeholder=\"Europe/Madrid\"");
        Field(html, problems, "windowHours", Get("WindowHours"), $"<input id=\"f-windowHours\" name=\"windowHours\" type=\"number\" min=\"1\" max=\"744\" step=\"any\" required value=\"{Attr(form.WindowHours)}\"");
        html.Raw($"<label for=\"f-culture\">{Encode(Get("Language"))}</label><select id=\"f-culture\" name=\"culture\">");
        foreach (var culture in DigestsSubscriptionForm.Cultures)
        {
            html.Raw($"<option value=\"{culture}\"{(culture == form.Culture ? " selected" : "")}>{Encode(CultureInfo.GetCultureInfo(culture).NativeName)}</option>");
        }

        html.Raw("</select>");
        Messages(html, problems, "culture");
        html.Raw($"<p><button type=\"submit\" id=\"digest-save\">{Encode(Get("Save"))}</button></p></form>");
    }

    public static void RunNow(PageHtml html, DigestSubscription subscription)
    {
        html.FormPost("digests/run", "run-now").Hidden("id", subscription.Id);
        html.Raw($"<label><input type=\"checkbox\" name=\"test\" value=\"on\"{(subscription.TestMode ? " checked" : "")}> {Encode(Get("RunAsTest"))}</label> ");
        html.Raw($"<button type=\"submit\" id=\"digest-run\">{Encode(Get("DiscoverAndReceive"))}</button></form>");
    }

    public static void History(PageHtml html, IReadOnlyList<DigestRun> runs)
    {
        html.Raw($"<h2>{Encode(Get("History"))}</h2>");
        if (runs.Count == 0)
        {
            html.Raw($"<p class=\"empty\">{Encode(Get("NoRuns"))}</p>");
            return;
        }

        html.Raw("<div class=\"scroll\"><table id=\"runs\"><thead><tr>");
        foreach (var column in new[] { "Window", "Trigger", "State", "Count", "Deliveries" })
        {
            html.Raw($"<th scope=\"col\">{Encode(Get("Run_" + column))}</th>");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var run in runs)
        {
            html.Raw($"<tr data-status=\"{run.Status}\"><td>{Encode(Time(run.Key.WindowStart))} – {Encode(Time(run.Key.WindowEnd))}{(run.Key.TestId is null ? "" : $" <small>{Encode(Get("Test"))}</small>")}</td>");
            html.Raw($"<td>{Encode(Get("Trigger_" + run.Trigger))}</td><td>{Encode(Get("RunStatus_" + run.Status))}");
            if (run.Error is { } error)
            {
                html.Raw($"<div class=\"error\">{Encode(error)}</div>");
            }

            html.Raw($"</td><td>{run.Count?.ToString(CultureInfo.InvariantCulture) ?? "—"} / {run.Threshold.ToString(CultureInfo.InvariantCulture)}</td><td><ul class=\"deliveries\">");
            foreach (var delivery in run.Recipients)
            {
                html.Raw($"<li data-recipient=\"{Attr(delivery.Recipient)}\" data-delivery=\"{delivery.Status}\">{Encode(delivery.Recipient)}: {Encode(Get("Delivery_" + delivery.Status))}");
                html.Raw($" <small>({Encode(Format("Attempts", delivery.Attempts))}{(delivery.LastAttemptAt is { } at ? ", " + Encode(Time(at)) : "")})</small>");
                if (delivery.Reason is { } reason)
                {
                    html.Raw($" <span class=\"error\">{Encode(reason)}</span>");
                }

                html.Raw("</li>");
            }

            html.Raw("</ul></td></tr>");
        }

        html.Raw("</tbody></table></div>");
    }

    private static void Check(PageHtml html, string name, string label, bool on) =>
        html.Raw($"<label class=\"check\"><input type=\"checkbox\" id=\"f-{name}\" name=\"{name}\" value=\"on\"{(on ? " checked" : "")}> {Encode(label)}</label>");

    private static void Field(PageHtml html, IReadOnlyList<FormProblem> problems, string name, string label, string input, string? help = null)
    {
        html.Raw($"<label for=\"f-{name}\">{Encode(label)}</label>");
        var invalid = problems.Any(p => p.Field == name);
        html.Raw(input).Raw(invalid ? $" aria-invalid=\"true\" aria-describedby=\"e-{name}\">" : ">");
        if (help is not null)
        {
            html.Raw($"<small>{Encode(help)}</small>");
        }

        Messages(html, problems, name);
    }

    private static string Invalid(IReadOnlyList<FormProblem> problems, string field) => problems.Any(p => p.Field == field) ? " aria-invalid=\"true\"" : "";

    private static void Messages(PageHtml html, IReadOnlyList<FormProblem> problems, string field)
    {
        var mine = problems.Where(p => p.Field == field).ToList();
        if (mine.Count == 0)
        {
            return;
        }

        html.Raw($"<ul class=\"field-problems\" id=\"e-{field}\" role=\"alert\">");
        foreach (var problem in mine)
        {
            html.Raw($"<li>{Encode(Format(problem.Key, problem.Argument))}</li>");
        }

        html.Raw("</ul>");
    }
}
