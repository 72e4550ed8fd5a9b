using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Actions.BuiltIn;
using PosFleet.Actions.Terminal;
using PosFleet.Sync.Enrolment;

namespace PosFleet.Actions;

/// <summary>Registers remote actions: the back office's queue (<see cref="AddActionsBackOffice"/>) and the terminal's runner (<see cref="AddActionsAgent"/>).</summary>
public static class ActionsPosFleetBuilderExtensions
{
    /// <summary>
    /// Registers the back office's remote actions: the <see cref="IRemoteActionQueue"/> users queue with, and their
    /// part of the sync exchange (delivered in responses, reports recorded from requests; with <c>AddSyncBackOffice</c>).
    /// Actions still Pending or Delivered past their time to live are expired every <see cref="RemoteActionOptions.ExpiryInterval"/>
    /// (a hosted service). An in-memory store unless a storage connector registered a durable one. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the defaults and limits.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddActionsBackOffice(this IPosFleetBuilder builder, Action<RemoteActionOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<RemoteActionOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemoteActionOptions>, RemoteActionOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRemoteActionStore, InMemoryRemoteActionStore>();
        services.TryAddSingleton<ITerminalCredentialStore, InMemoryTerminalCredentialStore>();
        services.TryAddSingleton<RemoteActionBackOffice>();
        services.TryAddSingleton<IRemoteActionQueue, RemoteActionQueue>();
        services.AddLogging(); // the expiry sweep logs; idempotent
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RemoteActionExpiryService>());
        return builder;
    }

    /// <summary>
    /// Registers the terminal's remote actions: the actions the sync agent receives are recorded in the
    /// <see cref="IRemoteActionJournal"/> and run one at a time by the <see cref="IRemoteActionRunner"/> (a hosted
    /// service), with the handlers registered by <see cref="AddActionHandler{THandler}"/>, and the engine's own
    /// <see cref="RemoteActionNames.RetrieveLogs"/> and <see cref="RemoteActionNames.ResetDatabase"/>; finished entries
    /// leave the journal after <see cref="RemoteActionAgentOptions.JournalRetention"/>. An in-memory journal unless a storage connector registered a durable one (a restart then loses what was running).
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the runner, the uploads and retrieve-logs' files.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddActionsAgent(this IPosFleetBuilder builder, Action<RemoteActionAgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<RemoteActionAgentOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RemoteActionAgentOptions>, RemoteActionAgentOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRemoteActionJournal, InMemoryRemoteActionJournal>();
        services.TryAddSingleton<RemoteActionRunner>();
        services.TryAddSingleton<IRemoteActionRunner>(sp => sp.GetRequiredService<RemoteActionRunner>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RemoteActionRunner>(sp => sp.GetRequiredService<RemoteActionRunner>()));
        services.TryAddSingleton<RemoteActionTerminalExchange>();
        services.AddLogging(); // the journal's retention logs; idempotent
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RemoteActionJournalRetentionService>());
        services.TryAddKeyedSingleton<IRemoteActionHandler, RetrieveLogsHandler>(RemoteActionNames.RetrieveLogs);
        services.TryAddKeyedSingleton<IRemoteActionHandler, ResetDatabaseHandler>(RemoteActionNames.ResetDatabase);
        return builder;
    }

    /// <summary>Runs the actions named <paramref name="name"/> with <typeparamref name="THandler"/> (a singleton), replacing any earlier handler of that name.</summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="name">The action's name, such as <see cref="RemoteActionNames.ClearCache"/>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddActionHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IPosFleetBuilder builder, string name)
        where THandler : class, IRemoteActionHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        builder.Services.RemoveAllKeyed<IRemoteActionHandler>(name);
        builder.Services.AddKeyedSingleton<IRemoteActionHandler, THandler>(name);
        return builder;
    }

    /// <summary>Runs the actions named <paramref name="name"/> with <paramref name="handler"/>, replacing any earlier handler of that name.</summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="name">The action's name, such as <see cref="RemoteActionNames.ClearCache"/>.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddActionHandler(this IPosFleetBuilder builder, string name, IRemoteActionHandler handler)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(handler);
        builder.Services.RemoveAllKeyed<IRemoteActionHandler>(name);
        builder.Services.AddKeyedSingleton(name, handler);
        return builder;
    }
}
