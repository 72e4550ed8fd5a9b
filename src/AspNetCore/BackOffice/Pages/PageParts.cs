using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.AspNetCore.BackOffice.Internal;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>What the status, actions and digests pages share beyond the foundation: refusals as pages, optional attributes, links.</summary>
internal static class PageParts
{
    /// <summary>403, as the foundation answers another organization: the same answer whether the item exists or not.</summary>
    public static IResult Forbidden(BackOfficeRequest request) =>
        Problem(request, StatusCodes.Status403Forbidden, request.Strings.Forbidden, request.Strings.ForbiddenDetail);

    /// <summary>A page saying what was wrong with a request, with its status code.</summary>
    public static IResult Problem(BackOfficeRequest request, int statusCode, string title, string detail) =>
        BackOfficePages.Page(request, View(request, statusCode, title, detail));

    public static BackOfficeView View(BackOfficeRequest request, int statusCode, string title, string detail) =>
        new(title, "", html => html.Write($"""<p class="pf-refusal" role="alert">{detail}</p>"""), statusCode);

    /// <summary>A boolean attribute, such as <c> checked</c>, or nothing.</summary>
    public static Html.HtmlFragment If(bool on, string attribute) => new(on ? " " + attribute : "");

    /// <summary>A link under the back office to <paramref name="path"/> for <paramref name="organization"/> (not necessarily the page's), with these query values.</summary>
    public static string LinkFor(BackOfficeRequest request, string organization, string path, params (string Name, string? Value)[] query) =>
        request.BasePath + "/" + path + QueryString.Create(
            new[] { new KeyValuePair<string, string?>("org", organization) }
                .Concat(query.Select(q => new KeyValuePair<string, string?>(q.Name, q.Value)))
                .Where(q => !string.IsNullOrEmpty(q.Value))).ToUriComponent();

    /// <summary>
    /// The foundation's organization check for a download (a file, not a page): the user's scope (their organizations,
    /// and <paramref name="organization"/> or, when empty, their first) when they may see it; otherwise the response is a
    /// challenge or a bare 403.
    /// </summary>
    public static async ValueTask<BackOfficeScope?> AuthorizeDownloadAsync(HttpContext context, string? organization)
    {
        var access = context.RequestServices.GetRequiredService<BackOfficeAccess>();
        var (verdict, scope) = await access.CheckAsync(context, organization, context.RequestAborted).ConfigureAwait(false);
        switch (verdict)
        {
            case BackOfficeAccess.Verdict.Allowed:
                return scope;
            case BackOfficeAccess.Verdict.SignInRequired:
                await Results.Challenge().ExecuteAsync(context).ConfigureAwait(false);
                return null;
            default:
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return null;
        }
    }

    /// <summary>The anti-forgery field of a form.</summary>
    public static void Antiforgery(Html html, BackOfficeRequest request)
    {
        if (request.Antiforgery is { FormFieldName: { } name, RequestToken: { } token })
        {
            html.Write($"""<input type="hidden" name="{name}" value="{token}">""");
        }
    }
}
