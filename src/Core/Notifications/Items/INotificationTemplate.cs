namespace PosFleet.Notifications.Items;

/// <summary>
/// Renders what a notification of an item event says, for one recipient (their language) and one channel (a mail with
/// HTML, a short push, an inbox line). PosFleet registers a plain English one; a host or a template package replaces
/// it by registering its own <see cref="INotificationTemplate"/> singleton.
/// </summary>
public interface INotificationTemplate
{
    /// <summary>Renders the notification of <paramref name="itemEvent"/> for <paramref name="recipient"/> on <paramref name="channel"/>.</summary>
    /// <param name="itemEvent">The change.</param>
    /// <param name="recipient">Who reads it (<see cref="NotificationRecipient.Culture"/> picks the language).</param>
    /// <param name="channel">Where it is shown: <see cref="NotificationChannel.Email"/>, <see cref="NotificationChannel.Push"/> or <see cref="NotificationChannel.InApp"/>.</param>
    /// <returns>The content; its <see cref="NotificationContent.Link"/> should be the item's link.</returns>
    NotificationContent Render(ItemEvent itemEvent, NotificationRecipient recipient, NotificationChannel channel);
}
