using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PosFleet.AspNetCore.Internal;

namespace PosFleet.AspNetCore;

/// <summary>Configures the sync endpoint that <see cref="SyncEndpointRouteBuilderExtensions.MapPosFleetSync"/> maps.</summary>
public static class SyncEndpointPosFleetBuilderExtensions
{
    /// <summary>
    /// Configures the sync endpoint (its body limit); its options are validated at start-up. Optional: without it the
    /// endpoint uses the defaults of <see cref="SyncEndpointOptions"/>. The back office itself is registered with
    /// <c>AddSyncBackOffice</c>.
    /// </summary>
    /// <param name="builder">The back office's PosFleet builder.</param>
    /// <param name="configure">Configures the endpoint, such as <c>o =&gt; o.MaxRequestBodyBytes = 8 * 1024 * 1024</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddSyncEndpoint(this IPosFleetBuilder builder, Action<SyncEndpointOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<SyncEndpointOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncEndpointOptions>, SyncEndpointOptionsValidator>());
        return builder;
    }
}
