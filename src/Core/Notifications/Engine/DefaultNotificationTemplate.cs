using System.Globalization;
using System.Net;
using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Engine;

/// <summary>
/// The plain English template the engine uses until a localized one is registered: one line that says what changed,
/// the link, and a minimal HTML twin for e-mail.
/// </summary>
internal sealed class DefaultNotificationTemplate : INotificationTemplate
{
    public NotificationContent Render(ItemEvent itemEvent, NotificationRecipient recipient, NotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(itemEvent);
        ArgumentNullException.ThrowIfNull(recipient);
        var item = itemEvent.Item;
        var what = itemEvent.Type switch
        {
            ItemEventType.Created => string.Create(CultureInfo.InvariantCulture, $"{item.Kind} {item.Title} was created as {item.State}"),
            ItemEventType.Assigned => string.Create(CultureInfo.InvariantCulture, $"{item.Kind} {item.Title} was assigned to you"),
            _ when itemEvent.PreviousState is { } from => string.Create(CultureInfo.InvariantCulture, $"{item.Kind} {item.Title} changed from {from} to {item.State}"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{item.Kind} {item.Title} is now {item.State}"),
        };
        var subject = what.Length > 0 ? char.ToUpperInvariant(what[0]) + what[1..] : what;
        var link = Templates.NotificationView.IsSafeLink(item.Link) ? item.Link : null; // never a javascript: or data: link
        var text = link is null ? subject + "." : string.Create(CultureInfo.InvariantCulture, $"{subject}.\n{link}");
        string? html = null;
        if (channel == NotificationChannel.Email)
        {
            var encoded = WebUtility.HtmlEncode(subject);
            html = link is null
                ? $"<p>{encoded}.</p>"
                : $"<p>{encoded}.</p><p><a href=\"{WebUtility.HtmlEncode(link.ToString())}\">Open</a></p>";
        }

        return new NotificationContent { Subject = subject, Text = text, Html = html, Link = link };
    }
}
