using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using PosFleet.Notifications.Items;
using PosFleet.Notifications.Templates;

namespace PosFleet.Notifications.Engine;

/// <summary>Registers the notification engine: status-change rules, the outbox and its dispatcher, the in-app inbox.</summary>
public static class NotificationEnginePosFleetBuilderExtensions
{
    /// <summary>
    /// Adds the notification engine: <see cref="IItemEventPublisher"/> (rules → recipients → outbox and inbox),
    /// <see cref="INotificationDispatcher"/> and its hosted loop, <see cref="INotificationInbox"/>, the delivery status
    /// (<see cref="INotificationDeliveries"/>), and an in-memory
    /// <see cref="INotificationStore"/> unless a storage connector registered a durable one. The host registers its
    /// <see cref="INotificationDirectory"/> (start-up fails naming it when none is registered) and a notifier per channel it uses (<c>AddSmtpNotifier</c>, a push
    /// connector). The <see cref="INotificationTemplate"/> is PosFleet's localized one (en/es/fr/it, text + HTML) unless
    /// the host registered its own before this call. Options
    /// are validated at start-up; bind them from configuration with <c>services.Configure&lt;NotificationEngineOptions&gt;(section)</c>.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Configures the rules and the dispatcher.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddNotificationEngine(this IPosFleetBuilder builder, Action<NotificationEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<NotificationEngineOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<NotificationEngineOptions>, NotificationEngineOptionsValidator>());
        services.AddLogging(); // idempotent: a host's own logging configuration stays as it is
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<INotificationStore, InMemoryNotificationStore>();
        services.TryAddSingleton<INotificationTemplate, LocalizedNotificationTemplate>();
        // Without a notifier for a channel, its deliveries stay pending with the router's error as last error.
        services.TryAddSingleton<INotifier>(sp => new NotificationRouter(sp, sp.GetServices<NotifierRegistration>()));
        services.TryAddSingleton<NotificationSignal>();
        // Resolved without a directory (a host that skips start-up validation), say which registration is missing.
        services.TryAddSingleton<IItemEventPublisher>(sp => ActivatorUtilities.CreateInstance<NotificationEngine>(
            sp, sp.GetService<INotificationDirectory>() ?? throw new InvalidOperationException(NotificationEngineOptionsValidator.NoDirectory)));
        services.TryAddSingleton<INotificationInbox, NotificationInbox>();
        builder.AddNotificationDeliveries();
        services.TryAddSingleton<INotificationDispatcher, NotificationDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NotificationDispatchService>());
        // PosFleet's own events whose cause was stored but not published (the host died in between), published at start.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OwnEventsRepublishService>());
        return builder;
    }

    /// <summary>
    /// Adds only the delivery status, <see cref="INotificationDeliveries"/>, over the registered
    /// <see cref="INotificationStore"/> (a storage connector's, or an in-memory one): for a tool or a report that reads
    /// deliveries and publishes nothing, so that it needs no <see cref="INotificationDirectory"/> and no notifier.
    /// <see cref="AddNotificationEngine"/> includes it.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddNotificationDeliveries(this IPosFleetBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<INotificationStore, InMemoryNotificationStore>();
        builder.Services.TryAddSingleton<INotificationDeliveries, NotificationDeliveries>();
        return builder;
    }
}
