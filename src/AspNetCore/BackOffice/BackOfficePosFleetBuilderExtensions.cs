using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using PosFleet.AspNetCore.BackOffice.Internal;
using PosFleet.Status;

namespace PosFleet.AspNetCore.BackOffice;

/// <summary>Registers the web back office that <see cref="BackOfficeEndpointRouteBuilderExtensions.MapPosFleetBackOffice"/> maps.</summary>
public static class BackOfficePosFleetBuilderExtensions
{
    /// <summary>
    /// Registers the web back office: its options (validated at start-up), anti-forgery for its forms, and the status board with the user's organizations from
    /// <see cref="IOutletSetupPermissions"/> (by default the <c>posfleet:outlet-setup</c> claims of the host's
    /// authentication, <c>AddStatus</c>). Authentication itself is the host's. Registering twice registers once.
    /// </summary>
    /// <param name="builder">The back office's PosFleet builder.</param>
    /// <param name="configure">Configures the back office, such as <c>o =&gt; o.SupportAddress = "support@example.com"</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddBackOffice(this IPosFleetBuilder builder, Action<BackOfficeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<BackOfficeOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BackOfficeOptions>, BackOfficeOptionsValidator>());
        builder.AddStatus();
        services.AddAntiforgery();
        services.TryAddSingleton<BackOfficeAccess>();
        services.TryAddScoped<BackOfficeRequest>();
        return builder;
    }
}
