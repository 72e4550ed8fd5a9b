using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// How every page and every form of the back office starts: the organization check on the server (sign in, or 403),
/// the language, and for a form the anti-forgery check (400) before anything is read or changed. Pages are HTML
/// written on the server (no script needed to read); forms are plain HTML POSTs answered with a redirect
/// (post/redirect/get).
/// </summary>
internal static class BackOfficePages
{
    /// <summary>
    /// Renders the page that <paramref name="load"/> returns for the organization named by <c>?org=</c> (the user's
    /// first when absent), after checking that the user may see it.
    /// </summary>
    public static async Task RenderAsync(HttpContext context, Func<BackOfficeRequest, CancellationToken, ValueTask<BackOfficeView>> load)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(load);
        var request = await StartAsync(context).ConfigureAwait(false);
        if (await AuthorizePageAsync(context, request, context.Request.Query["org"]).ConfigureAwait(false) is { } refusal)
        {
            await refusal.ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        BackOfficeView view;
        try
        {
            view = await load(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (ArgumentException e)
        {
            // A query the store refuses (a search past its limits, a cursor of another store): say so, 400.
            view = Refusal(request, StatusCodes.Status400BadRequest, request.Strings.BadQuery, e.Message);
        }

        await WriteAsync(context, request, view).ConfigureAwait(false);
    }

    /// <summary>
    /// Handles a form: refuses it without a valid anti-forgery token (400) or for an organization the user may not see
    /// (the form's <c>org</c> field; 403), then runs <paramref name="handle"/>, which answers with a redirect, or with a
    /// page when the form has to be shown again with its messages.
    /// </summary>
    public static async Task PostAsync(HttpContext context, Func<BackOfficeRequest, IFormCollection, CancellationToken, ValueTask<IResult>> handle)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handle);
        var request = await StartAsync(context).ConfigureAwait(false);
        if (!context.Request.HasFormContentType
            || !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context).ConfigureAwait(false))
        {
            await WriteAsync(context, request, Refusal(request, StatusCodes.Status400BadRequest, request.Strings.FormExpired, request.Strings.FormExpiredDetail)).ConfigureAwait(false);
            return;
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var result = await AuthorizePageAsync(context, request, form["org"]).ConfigureAwait(false)
            ?? await handle(request, form, context.RequestAborted).ConfigureAwait(false);
        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    /// <summary>A page as a result, for a form that is shown again (with its messages) rather than redirected.</summary>
    public static IResult Page(BackOfficeRequest request, BackOfficeView view) =>
        Results.Content(BackOfficeLayout.Render(request, view), "text/html; charset=utf-8", statusCode: view.StatusCode);

    private static async Task WriteAsync(HttpContext context, BackOfficeRequest request, BackOfficeView view)
    {
        var response = context.Response;
        response.StatusCode = view.StatusCode;
        response.ContentType = "text/html; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        if (view.PushScript)
        {
            // The bell page with push set up runs the package's own script and worker; no other page runs any.
            response.Headers.ContentSecurityPolicy = BackOfficeHeaders.PushPageContentSecurityPolicy;
        }

        await response.WriteAsync(BackOfficeLayout.Render(request, view), context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The most a JSON call of a page's script may send: more than a browser's push subscription (an endpoint URL and two short keys).</summary>
    public const int MaxApiBody = 8 * 1024;

    /// <summary>
    /// Handles a JSON call of a page's script: the same organization check as a form (<c>?org=</c>; 403), and for a
    /// call that changes something (<paramref name="changes"/>) an <c>application/json</c> body (415 otherwise) of at
    /// most <see cref="MaxApiBody"/> bytes and the anti-forgery token in the <c>RequestVerificationToken</c> header
    /// (400); refusals are problem details naming what to do.
    /// </summary>
    public static async Task ApiAsync(HttpContext context, bool changes, Func<BackOfficeRequest, CancellationToken, ValueTask<IResult>> handle)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(handle);
        var request = await StartAsync(context).ConfigureAwait(false);
        context.Response.Headers.CacheControl = "no-store";
        IResult? result = null;
        if (changes)
        {
            // Before the anti-forgery check, which reads a form body whole when one is sent: a call takes JSON only,
            // and the server cuts any body off past the limit, whatever the request says its length is.
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            {
                limit.MaxRequestBodySize = MaxApiBody;
            }

            if (context.Request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            {
                result = Results.Problem(
                    "Send the call's body as application/json (for push, the browser's PushSubscription.toJSON()); other content types are not read.",
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "JSON expected");
            }
            else if (!await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context).ConfigureAwait(false))
            {
                result = Results.Problem(request.Strings.FormExpiredDetail, statusCode: StatusCodes.Status400BadRequest, title: request.Strings.FormExpired);
            }
        }

        if (result is null)
        {
            request.RecipientId = NotificationBell.RecipientOf(context, request.Options);
            result = await AuthorizeAsync(context, request, context.Request.Query["org"], r => Results.Problem(r.Strings.ForbiddenDetail, statusCode: StatusCodes.Status403Forbidden, title: r.Strings.Forbidden)).ConfigureAwait(false)
                ?? await handle(request, context.RequestAborted).ConfigureAwait(false);
        }

        await result.ExecuteAsync(context).ConfigureAwait(false);
    }

    private static async ValueTask<BackOfficeRequest> StartAsync(HttpContext context)
    {
        var services = context.RequestServices;
        var request = services.GetRequiredService<BackOfficeRequest>();
        request.HttpContext = context;
        request.Options = services.GetRequiredService<IOptions<BackOfficeOptions>>().Value;
        request.TimeZone = TimeZoneInfo.FindSystemTimeZoneById(request.Options.TimeZone);
        request.Culture = await BackOfficeCulture.ResolveAsync(context).ConfigureAwait(false);
        request.Strings = BackOfficeStrings.For(request.Culture);
        var prefix = context.GetEndpoint()?.Metadata.GetMetadata<BackOfficeEndpointMetadata>()?.Prefix ?? "";
        request.BasePath = (context.Request.PathBase + new PathString(prefix)).Value?.TrimEnd('/') ?? "";
        if (context.User.Identity?.IsAuthenticated == true)
        {
            // Every page a signed-in user sees, a refusal included, has the header's language form, which posts a
            // token. The request's own cookie is what a form's check reads, so getting tokens here leaves it alone.
            request.Antiforgery = services.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        }

        return request;
    }

    private static async ValueTask<IResult?> AuthorizePageAsync(HttpContext context, BackOfficeRequest request, string? organization)
    {
        var refusal = await AuthorizeAsync(context, request, organization, r => Page(r, Refusal(r, StatusCodes.Status403Forbidden, r.Strings.Forbidden, r.Strings.ForbiddenDetail))).ConfigureAwait(false);
        if (refusal is null)
        {
            await NotificationBell.LoadAsync(context, request).ConfigureAwait(false);
        }

        return refusal;
    }

    /// <summary>The organization check of a page and of a script's call: <see langword="null"/> when allowed (the scope is then set), else the challenge or <paramref name="forbidden"/>'s answer.</summary>
    private static async ValueTask<IResult?> AuthorizeAsync(HttpContext context, BackOfficeRequest request, string? organization, Func<BackOfficeRequest, IResult> forbidden)
    {
        var access = context.RequestServices.GetRequiredService<BackOfficeAccess>();
        var (verdict, scope) = await access.CheckAsync(context, organization, context.RequestAborted).ConfigureAwait(false);
        if (verdict == BackOfficeAccess.Verdict.Allowed)
        {
            request.Scope = scope;
            return null;
        }

        return verdict switch
        {
            BackOfficeAccess.Verdict.SignInRequired => Results.Challenge(),
            _ => forbidden(request),
        };
    }

    private static BackOfficeView Refusal(BackOfficeRequest request, int status, string title, string detail) =>
        new(title, "", html => html.Write($"""<p class="pf-refusal" role="alert">{detail}</p>"""), status);

    /// <summary>Formats <paramref name="format"/> in the request's culture.</summary>
    public static string Format(this BackOfficeRequest request, string format, params object?[] args) =>
        string.Format(request.Culture ?? CultureInfo.InvariantCulture, format, args);
}
