using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The language picker of every page: a form that posts the chosen language, kept in ASP.NET Core's culture cookie
/// (which <see cref="BackOfficeCulture"/> reads), then goes back to the page it came from.
/// </summary>
internal static class LanguageForm
{
    private static readonly (string Code, string Name)[] Languages = [("en", "English"), ("es", "Español"), ("fr", "Français"), ("it", "Italiano")];

    public static void Write(Html html, BackOfficeRequest request, string returnPath)
    {
        html.Write($"""<form class="pf-lang" method="post" action="{request.BasePath}/language">{request.FormFields()}<input type="hidden" name="return" value="{returnPath}"><label>{request.Strings.LanguageLabel} <select name="language">""");
        foreach (var (code, name) in Languages)
        {
            html.Write($"""<option value="{code}"{Html.If(code == request.Strings.Language, " selected")}>{name}</option>""");
        }

        html.Write($"""</select></label> <button type="submit">{request.Strings.Show}</button></form>""");
    }

    public static Task PostAsync(HttpContext context) => BackOfficePages.PostAsync(context, static (request, form, _) =>
    {
        var language = form["language"].ToString();
        if (BackOfficeLanguage.Supported.Contains(language, StringComparer.Ordinal))
        {
            request.HttpContext!.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/", IsEssential = true, MaxAge = TimeSpan.FromDays(365) });
        }

        // Back to a page of the back office only: never to another site.
        var back = form["return"].ToString();
        var target = back.StartsWith(request.BasePath + "/", StringComparison.Ordinal) && !back.Contains("//", StringComparison.Ordinal) && !back.Contains('\\', StringComparison.Ordinal)
            ? back
            : request.Link("");
        return ValueTask.FromResult(Results.Redirect(target));
    });
}
