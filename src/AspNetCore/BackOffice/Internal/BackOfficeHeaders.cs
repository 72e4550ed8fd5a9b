using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace PosFleet.AspNetCore.BackOffice.Internal;

/// <summary>
/// The security headers of every answer of the back office — pages, refusals, redirects, downloads and the style
/// sheet alike — set in one place, before the endpoint writes anything, so that no page can be mapped without them.
/// </summary>
internal static class BackOfficeHeaders
{
    /// <summary>
    /// No script runs in these pages and none from elsewhere may; styles and images come from the package only; forms
    /// post back to the same site; no other site may frame the pages (clickjacking).
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    /// <summary>
    /// The bell page with push set up: the policy above, plus the package's push script and service worker from this
    /// site and their calls back to it. Built from the constant, never from the request's host.
    /// </summary>
    public const string PushPageContentSecurityPolicy =
        ContentSecurityPolicy + "; script-src 'self'; worker-src 'self'; connect-src 'self'";

    /// <summary>Wraps every endpoint of <paramref name="group"/> so that its answer carries the headers.</summary>
    public static void AddTo(RouteGroupBuilder group) => ((IEndpointConventionBuilder)group).Add(endpoint =>
    {
        if (endpoint.RequestDelegate is { } next)
        {
            endpoint.RequestDelegate = context =>
            {
                Apply(context.Response);
                return next(context);
            };
        }
    });

    private static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        // For browsers older than frame-ancestors.
        headers.XFrameOptions = "DENY";
        // Report links carry organizations, terminals and searches: not sent to other sites.
        headers["Referrer-Policy"] = "same-origin";
    }
}
