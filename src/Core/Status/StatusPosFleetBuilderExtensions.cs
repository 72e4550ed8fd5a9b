using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PosFleet.Status;

/// <summary>Registers terminal status and the status board on the back office: <c>services.AddPosFleet().AddSyncBackOffice().AddStatus()</c>.</summary>
public static class StatusPosFleetBuilderExtensions
{
    /// <summary>
    /// Records the heartbeat of every exchange the back office handles as the terminal's status (with its sync
    /// errors, bounded per terminal and purged by a hosted service), and registers the <see cref="IStatusBoard"/>.
    /// Registers an in-memory <see cref="ITerminalStatusStore"/> unless a storage connector registered a durable one,
    /// target versions from <see cref="StatusOptions"/> and permissions from claims unless the host registered its own
    /// <see cref="ITargetVersionSource"/> or <see cref="IOutletSetupPermissions"/>. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures status, such as <c>o =&gt; o.TargetVersion = "35"</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddStatus(this IPosFleetBuilder builder, Action<StatusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<StatusOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StatusOptions>, StatusOptionsValidator>());
        services.AddLogging(); // the recorder and the error purge log; idempotent, a host's own logging configuration stays
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITerminalStatusStore, InMemoryTerminalStatusStore>();
        services.TryAddSingleton<ITargetVersionSource, OptionsTargetVersionSource>();
        services.TryAddSingleton<IOutletSetupPermissions, ClaimsOutletSetupPermissions>();
        services.TryAddSingleton<IStatusBoard, StatusBoard>();
        services.TryAddSingleton<TerminalStatusRecorder>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SyncErrorRetentionService>());
        return builder;
    }

    /// <summary>Takes each organization's target version from <typeparamref name="TSource"/> (a singleton), such as the package updates' rollout, instead of <see cref="StatusOptions"/>.</summary>
    /// <typeparam name="TSource">The source.</typeparam>
    /// <param name="builder">The PosFleet builder.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddTargetVersionSource<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TSource>(this IPosFleetBuilder builder)
        where TSource : class, ITargetVersionSource
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<ITargetVersionSource, TSource>());
        return builder;
    }
}
