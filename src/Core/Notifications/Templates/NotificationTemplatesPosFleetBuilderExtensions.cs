using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Templates;

/// <summary>Registers PosFleet's localized notification template.</summary>
public static class NotificationTemplatesPosFleetBuilderExtensions
{
    /// <summary>
    /// Makes the localized template (English, Spanish, French, Italian, by <see cref="NotificationRecipient.Culture"/>;
    /// English for other cultures and for none) the <see cref="INotificationTemplate"/>: text and HTML e-mails with a
    /// subject per event type and the item's link, short push and inbox bodies. <c>AddNotificationEngine</c> already
    /// registers it when the host registered no template; this call makes it the template even over one registered
    /// before it, and a host's own template registered after this call replaces it in turn.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddNotificationTemplates(this IPosFleetBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<INotificationTemplate, LocalizedNotificationTemplate>());
        return builder;
    }
}
