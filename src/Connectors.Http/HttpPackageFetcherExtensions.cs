using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PosFleet.Connectors.Http.Internal;
using PosFleet.Updates;

namespace PosFleet.Connectors.Http;

/// <summary>Registers the terminal's HTTP package fetcher: <c>services.AddPosFleet(…).AddPackageUpdates(…).UseHttpPackageFetcher()</c>.</summary>
public static class HttpPackageFetcherExtensions
{
    /// <summary>
    /// The name of the <see cref="HttpClient"/> that downloads packages (<c>IHttpClientFactory</c>): a host adds a
    /// proxy or its own handler with <c>services.AddHttpClient(HttpClientName)…</c>.
    /// </summary>
    public const string HttpClientName = "PosFleet.Packages";

    /// <summary>
    /// Fetches offered packages from <c>https:</c> and <c>http:</c> locations (and still <c>file:</c> ones), streaming
    /// them to the updater, which checks their size and SHA-256 before the installer runs: what the transport cannot
    /// vouch for, the hash does. A download is not bounded in time (packages can be large); cancellation stops it.
    /// </summary>
    /// <param name="builder">The terminal's PosFleet builder.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder UseHttpPackageFetcher(this IPosFleetBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpClient(HttpClientName)
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        builder.Services.Replace(ServiceDescriptor.Singleton<IPackageFetcher, HttpPackageFetcher>());
        return builder;
    }
}
