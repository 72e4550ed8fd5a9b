using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Logs.Classification;
using PosFleet.Notifications.Engine;

namespace PosFleet.Digests;

/// <summary>Registers threshold digests.</summary>
public static class DigestsPosFleetBuilderExtensions
{
    /// <summary>
    /// Registers the digest runner (<see cref="IDigestRunner"/>), its scheduler (a hosted service), and an in-memory
    /// <see cref="IDigestStore"/> unless a storage connector registered a durable one. The host also needs an
    /// <see cref="Logs.Storage.ILogStore"/> and a <see cref="Notifications.INotifier"/> (such as <c>AddSmtpNotifier</c>).
    /// Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the digests.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddDigests(this IPosFleetBuilder builder, Action<DigestOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<DigestOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DigestOptions>, DigestOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDigestStore, InMemoryDigestStore>();
        services.TryAddClassificationRuleCatalog();
        services.TryAddSingleton<IDigestRunner, DigestRunner>();
        // After start, the runs the digest store records as not delivered are published again. A host that replaced the
        // runner still gets this: one of ours is made for it over the same store, so the runs the host's runner recorded
        // there are published too (a runner of the host's cannot be a source itself, the source contract being internal).
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOwnEventSource, DigestRunner>(sp => sp.GetRequiredService<IDigestRunner>() as DigestRunner ?? ActivatorUtilities.CreateInstance<DigestRunner>(sp)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DigestSubscriptionSeeder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DigestScheduler>());
        return builder;
    }
}
