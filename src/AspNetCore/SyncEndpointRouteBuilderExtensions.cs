using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using PosFleet.AspNetCore.Internal;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;

namespace PosFleet.AspNetCore;

/// <summary>Maps the back office's sync endpoint, which terminals exchange with over HTTP (<c>UseHttpSyncTransport</c> in PosFleet.Connectors.Http).</summary>
public static class SyncEndpointRouteBuilderExtensions
{
    /// <summary>The path the endpoint is mapped to unless another is given.</summary>
    public const string DefaultPattern = "/posfleet/sync";

    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c>: a terminal sends its <see cref="SyncRequest"/> (gzip-compressed
    /// JSON, <see cref="SyncWireFormat"/>) with its credential in <c>Authorization: Bearer &lt;credential&gt;</c>, and
    /// gets its <see cref="SyncResponse"/> the same way. No or a wrong credential is answered 401 (with
    /// <c>WWW-Authenticate</c>), a credential used for another terminal or organization 403, a body over
    /// <see cref="SyncEndpointOptions.MaxRequestBodyBytes"/> 413, a body that is not a request 400, a body that is not
    /// gzip JSON 415 (each with <c>application/problem+json</c>), and nothing is written in any of those cases. A
    /// terminal below the minimum version gets 200 with <see cref="SyncResponse.Refusal"/>, which it logs and reports.
    /// Needs <c>AddPosFleet().AddSyncBackOffice()</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route, <see cref="DefaultPattern"/> unless given.</param>
    /// <returns>The endpoint's convention builder, to add rate limiting, host filters or a route name.</returns>
    /// <exception cref="InvalidOperationException">The back office's side of the sync exchange is not registered.</exception>
    public static IEndpointConventionBuilder MapPosFleetSync(this IEndpointRouteBuilder endpoints, string pattern = DefaultPattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        var services = endpoints.ServiceProvider;
        if (services.GetService<ISyncExchangeHandler>() is null || services.GetService<ITerminalRegistry>() is null)
        {
            throw new InvalidOperationException(
                "MapPosFleetSync needs the back office's side of the sync exchange: register it with services.AddPosFleet().AddSyncBackOffice() before building the application.");
        }

        var endpoint = ActivatorUtilities.CreateInstance<SyncEndpoint>(services);
        return endpoints.MapPost(pattern, endpoint.HandleAsync)
            .WithDisplayName("PosFleet sync exchange");
    }
}
