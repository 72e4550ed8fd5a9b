namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The frame of every page: the header with the navigation and the organization picker, the page's content, the
/// footer. A whole HTML document, written on the server; it reads without script and fits a phone's width.
/// </summary>
internal static class BackOfficeLayout
{
    public static string Render(BackOfficeRequest request, BackOfficeView view)
    {
        var s = request.Strings;
        var title = request.Options.Title;
        var html = new Html(request.Culture);
        html.Write($"""
            <!DOCTYPE html>
            <html lang="{s.Language}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="same-origin">
            <title>{view.Title} · {title}</title>
            <link rel="stylesheet" href="{request.BasePath}/assets/backoffice.css">
            </head>
            <body>
            <header class="pf-header">
            <a class="pf-brand" href="{request.Link("")}">{title}</a>
            <nav class="pf-nav" aria-label="{title}">
            """);
        foreach (var (section, label) in new[] { ("", s.Dashboard), ("reports", s.Reports), ("status", s.Status), ("actions", s.Actions), ("digests", s.Digests) })
        {
            if (section == view.Section)
            {
                html.Write($"""<a href="{request.Link(section)}" class="pf-active" aria-current="page">{label}</a>""");
            }
            else
            {
                html.Write($"""<a href="{request.Link(section)}">{label}</a>""");
            }
        }

        html.Write($"</nav>");
        if (request.Scope is { } scope)
        {
            // A GET form: choosing another organization reloads the same page for it, without script.
            html.Write($"""<form class="pf-org" method="get" action=""><label>{s.Organization} <select name="org">""");
            foreach (var organization in scope.Organizations)
            {
                html.Write($"""<option value="{organization}"{Html.If(organization == scope.Organization, " selected")}>{organization}</option>""");
            }

            html.Write($"""</select></label> <button type="submit">{s.Show}</button></form>""");
        }

        LanguageForm.Write(html, request, request.HttpContext is { } context ? context.Request.PathBase + context.Request.Path + context.Request.QueryString : request.Link(""));

        // The bell: the user's unread notifications in this organization, a plain link (no script) to their inbox.
        if (request.UnreadNotifications is { } unread)
        {
            var label = request.Format(s.UnreadNotifications, unread);
            html.Write($"""<a class="pf-bell{Html.If(unread > 0, " pf-bell-unread")}" href="{request.Link("notifications")}" title="{label}" aria-label="{label}"{Html.If(view.Section == "notifications", " aria-current=\"page\"")}><svg class="pf-bell-icon" viewBox="0 0 24 24" width="16" height="16" aria-hidden="true"><path fill="currentColor" d="M12 22a2 2 0 0 0 2-2h-4a2 2 0 0 0 2 2zm6-6v-5a6 6 0 0 0-5-5.9V4a1 1 0 0 0-2 0v1.1A6 6 0 0 0 6 11v5l-2 2v1h16v-1z"/></svg> <span class="pf-bell-count">{unread}</span></a>""");
        }

        html.Write($"""
            </header>
            <main class="pf-main">
            <h1>{view.Title}</h1>
            """);
        view.Body(html);
        html.Write($"""
            </main>
            <footer class="pf-footer">{string.Format(request.Culture, s.TimesIn, request.TimeZone.Id)}</footer>
            </body>
            </html>
            """);
        return html.ToString();
    }
}
