using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Agent;
using PosFleet.Sync.Configurations;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Sync;

/// <summary>Registers the sync exchange: the back office's side (<see cref="AddSyncBackOffice"/>) and the terminal's (<see cref="AddSyncAgent"/>).</summary>
public static class SyncPosFleetBuilderExtensions
{
    /// <summary>
    /// Registers the back office's side of the exchange: the <see cref="ISyncExchangeHandler"/> that transports call,
    /// the <see cref="ITerminalRegistry"/> that enrols terminals, the inbox retention pass (a hosted service), and
    /// in-memory stores unless a storage connector registered durable ones, and logging (<c>AddLogging()</c>, which
    /// leaves a host's own logging configuration as it is). Apply messages with
    /// <see cref="AddOutboxMessageHandler{THandler}"/>. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the back office, such as <c>o =&gt; o.MinimumApplicationVersion = "34"</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddSyncBackOffice(this IPosFleetBuilder builder, Action<SyncBackOfficeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<SyncBackOfficeOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncBackOfficeOptions>, SyncBackOfficeOptionsValidator>());
        services.AddLogging(); // idempotent, as AddHttpClient does: a host's own logging configuration stays as it is
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ITerminalCredentialStore, InMemoryTerminalCredentialStore>();
        services.TryAddSingleton<ISyncInboxStore, InMemorySyncInboxStore>();
        services.TryAddSingleton<ITerminalConfigurationStore, InMemoryTerminalConfigurationStore>();
        services.TryAddSingleton<ITerminalRegistry, TerminalRegistry>();
        services.TryAddSingleton<ISyncExchangeHandler, SyncExchangeHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SyncInboxRetentionService>());
        return builder;
    }

    /// <summary>Applies the outbox messages of <paramref name="messageType"/> with <typeparamref name="THandler"/> (a singleton), in the inbox transaction.</summary>
    /// <typeparam name="THandler">The handler.</typeparam>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="messageType">The message type (<see cref="OutboxMessage.Type"/>), such as <c>ticket</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddOutboxMessageHandler<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(this IPosFleetBuilder builder, string messageType)
        where THandler : class, IOutboxMessageHandler
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageType);
        builder.Services.RemoveAllKeyed<IOutboxMessageHandler>(messageType);
        builder.Services.AddKeyedSingleton<IOutboxMessageHandler, THandler>(messageType);
        return builder;
    }

    /// <summary>Applies the outbox messages of <paramref name="messageType"/> with <paramref name="handler"/>, in the inbox transaction.</summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="messageType">The message type (<see cref="OutboxMessage.Type"/>), such as <c>ticket</c>.</param>
    /// <param name="handler">The handler.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddOutboxMessageHandler(this IPosFleetBuilder builder, string messageType, IOutboxMessageHandler handler)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(messageType);
        ArgumentNullException.ThrowIfNull(handler);
        builder.Services.RemoveAllKeyed<IOutboxMessageHandler>(messageType);
        builder.Services.AddKeyedSingleton(messageType, handler);
        return builder;
    }

    /// <summary>
    /// Registers the terminal's side of the exchange: the <see cref="ISyncAgent"/> (a hosted service exchanging every
    /// <see cref="SyncAgentOptions.Interval"/>) and an in-memory <see cref="IOutbox"/> unless a storage connector
    /// registered a durable one. The terminal's id and organization are those of <c>AddPosFleet</c>'s options; a
    /// transport is registered separately (<see cref="AddSyncInProcessTransport"/>, or HTTP): without one the host fails
    /// at start-up saying which to register. Options are validated at start-up.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the agent: its credential, interval, back-off and batches.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddSyncAgent(this IPosFleetBuilder builder, Action<SyncAgentOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<SyncAgentOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SyncAgentOptions>, SyncAgentOptionsValidator>());
        services.AddLogging();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOutbox, InMemoryOutbox>();
        services.TryAddSingleton<TerminalConfigurationSource>();
        services.TryAddSingleton<ITerminalConfigurationSource>(sp => sp.GetRequiredService<TerminalConfigurationSource>());
        // Resolved without a transport (the validator says so at start-up too), the agent says what to register rather than the container's error.
        services.TryAddSingleton(sp => sp.GetService<ISyncTransport>() is null
            ? throw new InvalidOperationException(SyncAgentOptionsValidator.NoTransport)
            : ActivatorUtilities.CreateInstance<SyncAgent>(sp));
        services.TryAddSingleton<ISyncAgent>(sp => sp.GetRequiredService<SyncAgent>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, SyncAgent>(sp => sp.GetRequiredService<SyncAgent>()));
        return builder;
    }

    /// <summary>
    /// Exchanges with a back office in the same process (tests, demos), through the same bytes as HTTP: the request
    /// and the response are serialized and gzip-compressed (<see cref="SyncWireFormat"/>) and read back, and the
    /// terminal's credential (<see cref="SyncAgentOptions.Credential"/>) is presented with each request.
    /// </summary>
    /// <param name="builder">The terminal's PosFleet builder.</param>
    /// <param name="backOffice">The back office's handler, such as <c>backOfficeProvider.GetRequiredService&lt;ISyncExchangeHandler&gt;()</c>.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddSyncInProcessTransport(this IPosFleetBuilder builder, ISyncExchangeHandler backOffice)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(backOffice);
        builder.Services.Replace(ServiceDescriptor.Singleton<ISyncTransport>(
            sp => new InProcessSyncTransport(backOffice, sp.GetRequiredService<IOptions<SyncAgentOptions>>())));
        return builder;
    }
}
