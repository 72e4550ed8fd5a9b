using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.AspNetCore.BackOffice.Internal;

namespace PosFleet.AspNetCore.BackOffice;

/// <summary>Maps the web back office into a host's ASP.NET Core application, the way a dashboard is added in one line.</summary>
public static class BackOfficeEndpointRouteBuilderExtensions
{
    /// <summary>The prefix the back office is mapped under unless another is given.</summary>
    public const string DefaultPrefix = "/fleet";

    /// <summary>
    /// Maps the back office's pages under <paramref name="prefix"/>: the dashboard (<c>{prefix}/</c>), the reports,
    /// the status board, the actions and the digests, and their style sheet. Pages are rendered on the server and
    /// read without script; forms are HTML posts checked for an anti-forgery token. Every answer of its endpoints carries
    /// a Content-Security-Policy that allows no script and no framing, <c>X-Content-Type-Options: nosniff</c> and a
    /// same-origin referrer policy; the host's own challenge or policy refusal is the host's. Every page and every form checks on
    /// the server that the signed-in user may see the organization it names (<see cref="Status.IOutletSetupPermissions"/>):
    /// nobody signed in is challenged with the host's authentication, another organization's user is answered 403.
    /// Needs <c>AddPosFleet().AddBackOffice()</c> and the host's authentication (<c>UseAuthentication</c>).
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="prefix">The prefix, <see cref="DefaultPrefix"/> unless given.</param>
    /// <returns>The group of the back office's endpoints, to chain <c>.RequireAuthorization(...)</c> with the host's policy.</returns>
    /// <exception cref="InvalidOperationException">The back office is not registered.</exception>
    public static RouteGroupBuilder MapPosFleetBackOffice(this IEndpointRouteBuilder endpoints, string prefix = DefaultPrefix)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (endpoints.ServiceProvider.GetService<BackOfficeAccess>() is null)
        {
            throw new InvalidOperationException(
                "MapPosFleetBackOffice needs the back office: register it with services.AddPosFleet().AddBackOffice() before building the application.");
        }

        var group = endpoints.MapGroup(prefix);
        group.WithMetadata(new BackOfficeEndpointMetadata(prefix));
        BackOfficeHeaders.AddTo(group);
        group.MapGet("/assets/backoffice.css", BackOfficeAssets.StyleSheetAsync).ExcludeFromDescription();
        group.MapGet("/push.js", BackOfficeAssets.PushScriptAsync).ExcludeFromDescription();
        group.MapGet("/push-sw.js", BackOfficeAssets.PushWorkerAsync).ExcludeFromDescription();
        BackOfficeEndpoints.Map(group);
        return group;
    }
}
