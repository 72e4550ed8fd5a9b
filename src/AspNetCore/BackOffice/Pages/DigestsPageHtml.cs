using System.Globalization;
using Microsoft.AspNetCore.Http;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.Digests;
using PosFleet.Logs;
using static PosFleet.AspNetCore.BackOffice.Pages.PageParts;
using Words = PosFleet.AspNetCore.BackOffice.Pages.PageStrings.PageWords;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>The digests page's HTML: the subscriptions, seed 000's form with its messages beside the fields, run now and the history.</summary>
internal static class DigestsPageHtml
{
    public static void Notice(Html html, Words words, IQueryCollection query)
    {
        if (query["saved"] == "1")
        {
            html.Write($"""<p class="pf-card" role="status" id="digest-saved">{words["Saved"]}</p>""");
        }

        if (Enum.TryParse<DigestRunOutcome>(query["ran"], out var outcome) && Enum.IsDefined(outcome))
        {
            html.Write($"""<p class="pf-card" role="status" id="digest-ran">{words["Outcome_" + outcome]}</p>""");
        }
    }

    public static void List(Html html, BackOfficeRequest request, Words words, IReadOnlyList<DigestSubscription> subscriptions, string? selected)
    {
        html.Write($"<h2>{words["Subscriptions"]}</h2>");
        if (subscriptions.Count == 0)
        {
            html.Write($"""<p class="pf-empty">{words["NoSubscriptions"]}</p>""");
        }
        else
        {
            html.Write($"""<ul class="subscriptions">""");
            foreach (var s in subscriptions)
            {
                html.Write($"""<li{If(s.Id == selected, "aria-current=\"true\"")}><a href="{request.Link("digests", ("id", s.Id))}">{s.Name}</a> <small>{(s.Active ? words["Active"] : words["Inactive"])}{(s.TestMode ? " · " + words["Test"] : "")}</small></li>""");
            }

            html.Write($"</ul>");
        }

        html.Write($"""<p><a href="{request.Link("digests")}" id="digest-new">{words["NewSubscription"]}</a></p>""");
    }

    public static void Form(Html html, BackOfficeRequest request, Words words, DigestsSubscriptionForm form, IReadOnlyList<FormProblem> problems)
    {
        html.Write($"<h2>{(form.Id is null ? words["NewSubscription"] : form.Name)}</h2>");
        foreach (var problem in problems.Where(p => p.Field.Length == 0))
        {
            html.Write($"""<p class="pf-field-error" role="alert">{problem.Argument}</p>""");
        }

        html.Write($"""<form method="post" action="{request.BasePath}/digests/save" class="subscription pf-card">{request.FormFields()}<input type="hidden" name="id" value="{form.Id}">""");
        html.Write($"""<p>{words["Organization"]}: <strong>{request.Organization}</strong></p>""");
        Check(html, "active", words["Active"], form.Active);
        Field(html, words, problems, "name", words["Name"], "text", form.Name, "required maxlength=\"200\"");
        Check(html, "test", words["Test"], form.TestMode);
        Field(html, words, problems, "recipients", words["Recipients"], "text", form.Recipients, "required maxlength=\"4000\" placeholder=\"ops@example.com, ana@example.es\"", words["RecipientsHelp"]);
        Field(html, words, problems, "threshold", words["Threshold"], "number", form.Threshold, "min=\"1\" required");
        html.Write($"""<fieldset{If(problems.Any(p => p.Field == "kinds"), "aria-invalid=\"true\"")}><legend>{words["Kinds"]}</legend>""");
        foreach (var kind in new[] { LogKind.Error, LogKind.Fail, LogKind.Offline, LogKind.Retry })
        {
            html.Write($"""<label><input type="checkbox" name="kinds" value="{kind}"{If(form.Kinds.Contains(kind), "checked")}> {request.Strings.Kinds[kind]}</label> <small class="pf-hint">{words["Kind_" + kind]}</small><br>""");
        }

        Messages(html, words, problems, "kinds");
        html.Write($"</fieldset>");
        Field(html, words, problems, "terminal", words["TerminalOptional"], "text", form.Terminal, "maxlength=\"200\"");
        Field(html, words, problems, "sendTime", words["SendTime"], "time", form.SendTime, "required");
        Field(html, words, problems, "timeZone", words["TimeZone"], "text", form.TimeZone, "required maxlength=\"100\" placeholder=\"Europe/Madrid\"");
        Field(html, words, problems, "windowHours", words["WindowHours"], "number", form.WindowHours, "min=\"1\" max=\"744\" step=\"any\" required");
        html.Write($"""<p><label for="f-culture">{words["Language"]}</label> <select id="f-culture" name="culture">""");
        foreach (var culture in DigestsSubscriptionForm.Cultures)
        {
            html.Write($"""<option value="{culture}"{If(culture == form.Culture, "selected")}>{CultureInfo.GetCultureInfo(culture).NativeName}</option>""");
        }

        html.Write($"</select></p>");
        Messages(html, words, problems, "culture");
        html.Write($"""<p><button type="submit" class="pf-button" id="digest-save">{words["Save"]}</button></p></form>""");
    }

    public static void RunNow(Html html, BackOfficeRequest request, Words words, DigestSubscription subscription)
    {
        html.Write($"""<form method="post" action="{request.BasePath}/digests/run" class="run-now pf-card">{request.FormFields()}<input type="hidden" name="id" value="{subscription.Id}">""");
        html.Write($"""<label><input type="checkbox" name="test" value="on"{If(subscription.TestMode, "checked")}> {words["RunAsTest"]}</label> """);
        html.Write($"""<button type="submit" class="pf-button" id="digest-run">{words["DiscoverAndReceive"]}</button></form>""");
    }

    public static void History(Html html, BackOfficeRequest request, Words words, IReadOnlyList<DigestRun> runs)
    {
        html.Write($"<h2>{words["History"]}</h2>");
        if (runs.Count == 0)
        {
            html.Write($"""<p class="pf-empty">{words["NoRuns"]}</p>""");
            return;
        }

        html.Write($"""<div class="pf-table-wrap"><table class="pf-table" id="runs"><thead><tr>""");
        foreach (var column in new[] { "Window", "Trigger", "State", "Count", "Deliveries" })
        {
            html.Write($"""<th scope="col">{words["Run_" + column]}</th>""");
        }

        html.Write($"</tr></thead><tbody>");
        foreach (var run in runs)
        {
            html.Write($"""<tr data-status="{run.Status}"><td>{request.Time(run.Key.WindowStart)} – {request.Time(run.Key.WindowEnd)}""");
            if (run.Key.TestId is not null)
            {
                html.Write($""" <small class="pf-badge pf-alert">{words["Test"]}</small>""");
            }

            html.Write($"""</td><td>{words["Trigger_" + run.Trigger]}</td><td>{words["RunStatus_" + run.Status]}""");
            if (run.Error is { } error)
            {
                html.Write($"""<div class="pf-field-error">{error}</div>""");
            }

            html.Write($"""</td><td class="pf-num">{(run.Count is { } count ? request.Count(count) : "—")} / {request.Count(run.Threshold)}</td><td><ul class="deliveries">""");
            foreach (var delivery in run.Recipients)
            {
                html.Write($"""<li data-recipient="{delivery.Recipient}" data-delivery="{delivery.Status}">{delivery.Recipient}: {words["Delivery_" + delivery.Status]} <small>({words.Format("Attempts", delivery.Attempts)}""");
                if (delivery.LastAttemptAt is { } at)
                {
                    html.Write($", {request.Time(at)}");
                }

                html.Write($")</small>");
                if (delivery.Reason is { } reason)
                {
                    html.Write($""" <span class="pf-field-error">{reason}</span>""");
                }

                html.Write($"</li>");
            }

            html.Write($"</ul></td></tr>");
        }

        html.Write($"</tbody></table></div>");
    }

    private static void Check(Html html, string name, string label, bool on) =>
        html.Write($"""<p><label><input type="checkbox" id="f-{name}" name="{name}" value="on"{If(on, "checked")}> {label}</label></p>""");

    /// <summary>A labelled input; <paramref name="attributes"/> are literals of this file, never user input.</summary>
    private static void Field(Html html, Words words, IReadOnlyList<FormProblem> problems, string name, string label, string type, string value, string attributes, string? help = null)
    {
        var invalid = problems.Any(p => p.Field == name);
        html.Write($"""<p><label for="f-{name}">{label}</label><br><input id="f-{name}" name="{name}" type="{type}" value="{value}" {new Html.HtmlFragment(attributes)}{If(invalid, $"aria-invalid=\"true\" aria-describedby=\"e-{name}\"")}>""");
        if (help is not null)
        {
            html.Write($""" <small class="pf-hint">{help}</small>""");
        }

        html.Write($"</p>");
        Messages(html, words, problems, name);
    }

    private static void Messages(Html html, Words words, IReadOnlyList<FormProblem> problems, string field)
    {
        var mine = problems.Where(p => p.Field == field).ToList();
        if (mine.Count == 0)
        {
            return;
        }

        html.Write($"""<ul class="pf-field-error" id="e-{field}" role="alert">""");
        foreach (var problem in mine)
        {
            html.Write($"<li>{words.Format(problem.Key, problem.Argument)}</li>");
        }

        html.Write($"</ul>");
    }
}
