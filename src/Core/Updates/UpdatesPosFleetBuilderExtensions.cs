using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Notifications.Engine;
using PosFleet.Status;
using PosFleet.Sync.Enrolment;

namespace PosFleet.Updates;

/// <summary>Registers package updates: the back office's catalog (<see cref="AddPackageBackOffice"/>) and the terminal's updater (<see cref="AddPackageUpdates"/>).</summary>
public static class UpdatesPosFleetBuilderExtensions
{
    /// <summary>
    /// Registers the back office's package updates beside <c>AddSyncBackOffice</c>: the <see cref="IPackageCatalog"/>
    /// (publish, targets, staged rollouts), the <see cref="IPackageTargetQuery"/> the status board asks (its
    /// <see cref="ITargetVersionSource"/>, unless the host registered its own), offers in the
    /// exchange's responses, and an in-memory <see cref="IPackageStore"/> unless a storage connector registered a
    /// durable one. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The back office's PosFleet builder.</param>
    /// <param name="configure">Sets the default rollout, such as <c>o =&gt; o.FailureThreshold = 0.1</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddPackageBackOffice(this IPosFleetBuilder builder, Action<PackageBackOfficeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<PackageBackOfficeOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PackageBackOfficeOptions>, PackageBackOfficeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IPackageStore, InMemoryPackageStore>();
        services.TryAddSingleton<ITerminalCredentialStore, InMemoryTerminalCredentialStore>();
        services.TryAddSingleton<PackageCatalog>();
        services.TryAddSingleton<IPackageCatalog>(sp => sp.GetRequiredService<PackageCatalog>());
        services.TryAddSingleton<IPackageTargetQuery>(sp => sp.GetRequiredService<PackageCatalog>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IOwnEventSource, PackageCatalog>(sp => sp.GetRequiredService<PackageCatalog>()));
        // The board's yellow follows the package targets, whether AddStatus came before or after; a host's own source stays.
        if (services.LastOrDefault(d => d.ServiceType == typeof(ITargetVersionSource)) is not { } source || source.ImplementationType == typeof(OptionsTargetVersionSource))
        {
            services.Replace(ServiceDescriptor.Singleton<ITargetVersionSource, PackageTargetVersionSource>());
        }

        return builder;
    }

    /// <summary>
    /// Registers the terminal's package updates beside <c>AddSyncAgent</c>: each exchange reports the package and
    /// version the terminal runs, and an offer goes through the maintenance window, the <see cref="IPackageInstallGate"/>,
    /// the <see cref="PackageUpdatesOptions.ConfirmationPolicy"/>'s <see cref="IPackageConfirmation"/>, the download's
    /// SHA-256 check and the <see cref="IPackageInstaller"/>, which the host registers (<see cref="AddPackageInstaller{TInstaller}"/>).
    /// <c>file:</c> locations are fetched by default; <c>UseHttpPackageFetcher</c> (PosFleet.Connectors.Http) adds https.
    /// Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The terminal's PosFleet builder.</param>
    /// <param name="configure">Sets the package, the policy and the window, such as <c>o =&gt; { o.PackageId = "pos"; o.ConfirmationPolicy = PackageConfirmationPolicy.Once; }</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddPackageUpdates(this IPosFleetBuilder builder, Action<PackageUpdatesOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<PackageUpdatesOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PackageUpdatesOptions>, PackageUpdatesOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITerminalPackageStateStore, InMemoryTerminalPackageStateStore>();
        services.TryAddSingleton<IPackageFetcher, FilePackageFetcher>();
        services.TryAddSingleton<PackageUpdater>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PackageUpdatesStartupCheck>());
        return builder;
    }

    /// <summary>Installs verified packages with <typeparamref name="TInstaller"/> (a singleton).</summary>
    /// <typeparam name="TInstaller">The host's installer.</typeparam>
    /// <param name="builder">The terminal's PosFleet builder.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddPackageInstaller<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TInstaller>(this IPosFleetBuilder builder)
        where TInstaller : class, IPackageInstaller
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IPackageInstaller, TInstaller>());
        return builder;
    }

    /// <summary>Installs verified packages with <paramref name="installer"/>.</summary>
    /// <param name="builder">The terminal's PosFleet builder.</param>
    /// <param name="installer">The host's installer.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddPackageInstaller(this IPosFleetBuilder builder, IPackageInstaller installer)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(installer);
        builder.Services.Replace(ServiceDescriptor.Singleton(installer));
        return builder;
    }

    /// <summary>Asks the till's user with <typeparamref name="TConfirmation"/> (a singleton) when the policy says to ask.</summary>
    /// <typeparam name="TConfirmation">The host's dialog.</typeparam>
    /// <param name="builder">The terminal's PosFleet builder.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddPackageConfirmation<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConfirmation>(this IPosFleetBuilder builder)
        where TConfirmation : class, IPackageConfirmation
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IPackageConfirmation, TConfirmation>());
        return builder;
    }

    /// <summary>Asks the till's user with <paramref name="confirmation"/> when the policy says to ask.</summary>
    /// <param name="builder">The terminal's PosFleet builder.</param>
    /// <param name="confirmation">The host's dialog.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddPackageConfirmation(this IPosFleetBuilder builder, IPackageConfirmation confirmation)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(confirmation);
        builder.Services.Replace(ServiceDescriptor.Singleton(confirmation));
        return builder;
    }

    /// <summary>Holds installations back with <typeparamref name="TGate"/> (a singleton) while a ticket or shift is open.</summary>
    /// <typeparam name="TGate">The host's gate.</typeparam>
    /// <param name="builder">The terminal's PosFleet builder.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddPackageInstallGate<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TGate>(this IPosFleetBuilder builder)
        where TGate : class, IPackageInstallGate
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IPackageInstallGate, TGate>());
        return builder;
    }

    /// <summary>Holds installations back with <paramref name="gate"/> while a ticket or shift is open.</summary>
    /// <param name="builder">The terminal's PosFleet builder.</param>
    /// <param name="gate">The host's gate.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddPackageInstallGate(this IPosFleetBuilder builder, IPackageInstallGate gate)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(gate);
        builder.Services.Replace(ServiceDescriptor.Singleton(gate));
        return builder;
    }
}
