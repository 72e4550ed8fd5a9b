using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace PosFleet.Notifications;

/// <summary>Registers the notifier of a channel, and the router that the engine sends every notification through.</summary>
public static class NotificationsPosFleetBuilderExtensions
{
    /// <summary>
    /// Makes <paramref name="factory"/>'s notifier the one that delivers the messages of <paramref name="channel"/>,
    /// replacing any notifier registered for that channel before (the last registration wins, so a host can swap the
    /// SMTP notifier for a pickup folder). The notifier is a keyed singleton (key: the channel); the unkeyed
    /// <see cref="INotifier"/>, unless the host registered its own, routes each message to the notifier of its
    /// <see cref="NotificationMessage.Channel"/>. Connector packages call this from their own <c>Add*Notifier</c>.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="channel">The channel the notifier serves, such as <see cref="NotificationChannel.Email"/>.</param>
    /// <param name="factory">Creates the notifier (once; it is a singleton).</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddNotifier(this IPosFleetBuilder builder, NotificationChannel channel, Func<IServiceProvider, INotifier> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        if (channel.Name is null)
        {
            throw new ArgumentException("The channel has no name; use NotificationChannel.Email or new NotificationChannel(\"push\").", nameof(channel));
        }

        var services = builder.Services;
        services.RemoveAllKeyed<INotifier>(channel);
        services.AddKeyedSingleton<INotifier>(channel, (sp, _) => factory(sp));
        if (!services.Any(d => !d.IsKeyedService && d.ServiceType == typeof(NotifierRegistration) && d.ImplementationInstance is NotifierRegistration r && r.Channel == channel))
        {
            services.AddSingleton(new NotifierRegistration(channel));
        }

        services.TryAddSingleton<INotifier>(sp => new NotificationRouter(sp, sp.GetServices<NotifierRegistration>()));
        return builder;
    }
}
