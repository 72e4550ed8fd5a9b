using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.Status;

namespace PosFleet.AspNetCore.BackOffice.Pages;

/// <summary>
/// The server-side checks of every status, actions and digests request: a signed-in user, the organizations seed 004's
/// permission grants them (<see cref="IStatusBoard.GetAccessAsync"/>, the host's <see cref="IOutletSetupPermissions"/>),
/// and on a POST a valid anti-forgery token.
/// </summary>
internal static class PageAccess
{
    /// <summary>The user's organizations, or the result that refuses the request (401 signed out, 403 no organization).</summary>
    public static async Task<(IReadOnlyList<string> Organizations, IResult? Refusal)> ResolveAsync(HttpContext context, string basePath)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return ([], Results.Challenge());
        }

        var board = context.RequestServices.GetRequiredService<IStatusBoard>();
        var access = await board.GetAccessAsync(context.User, context.RequestAborted).ConfigureAwait(false);
        var organizations = access.Organizations?.Order(StringComparer.Ordinal).ToList() ?? [];
        return organizations.Count == 0
            ? ([], PageHtml.Refused(context, basePath, StatusCodes.Status403Forbidden, PageStrings.Get("NoOrganization")))
            : (organizations, null);
    }

    /// <summary>As <see cref="ResolveAsync"/>, for a POST: the anti-forgery token is validated first (400 when missing or wrong).</summary>
    public static async Task<(IReadOnlyList<string> Organizations, IFormCollection Form, IResult? Refusal)> ResolvePostAsync(HttpContext context, string basePath)
    {
        var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return ([], FormCollection.Empty, PageHtml.Refused(context, basePath, StatusCodes.Status400BadRequest, PageStrings.Get("AntiforgeryRefused")));
        }

        var (organizations, refusal) = await ResolveAsync(context, basePath).ConfigureAwait(false);
        var form = refusal is null ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : FormCollection.Empty;
        return (organizations, form, refusal);
    }

    /// <summary>The page refusing an organization the user may not see (403): the same answer whether it exists or not.</summary>
    public static IResult NotYours(HttpContext context, string basePath) =>
        PageHtml.Refused(context, basePath, StatusCodes.Status403Forbidden, PageStrings.Get("OrganizationRefused"));
}
