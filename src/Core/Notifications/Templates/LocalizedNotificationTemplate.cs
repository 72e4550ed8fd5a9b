using System.Text;
using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Templates;

/// <summary>
/// The notification template in the recipient's language (English, Spanish, French, Italian; English for any other):
/// a subject per event type (created in a state, moved from one state to another, assigned to you), a plain-text body
/// and, for e-mail, an HTML twin, both with the link to the item. Push and the in-app inbox get a two-line body.
/// </summary>
internal sealed class LocalizedNotificationTemplate : INotificationTemplate
{
    public NotificationContent Render(ItemEvent itemEvent, NotificationRecipient recipient, NotificationChannel channel)
    {
        ArgumentNullException.ThrowIfNull(itemEvent);
        ArgumentNullException.ThrowIfNull(recipient);
        var v = new NotificationView(itemEvent, recipient);
        return channel == NotificationChannel.Email
            ? new NotificationContent { Subject = v.Subject, Text = MailText(v), Html = NotificationHtmlRenderer.Render(v), Link = v.Link }
            : new NotificationContent { Subject = v.Subject, Text = ShortText(v), Link = v.Link };
    }

    private static string MailText(NotificationView v)
    {
        var w = v.Words;
        var b = new StringBuilder(512);
        b.Append(w.Format(w.Greeting, v.RecipientName)).Append("\n\n");
        b.Append(v.Subject).Append("\n\n");
        b.Append(v.Kind).Append(": ").Append(v.Title).Append('\n');
        if (v.PreviousState is not null)
        {
            b.Append(w.PreviousState).Append(": ").Append(v.PreviousState).Append('\n');
        }

        b.Append(w.State).Append(": ").Append(v.State).Append('\n');
        if (v.Link is not null)
        {
            b.Append('\n').Append(w.Open).Append(": ").Append(v.Link.AbsoluteUri).Append('\n');
        }

        b.Append("\n-- \n").Append(w.Footer).Append('\n');
        return b.ToString();
    }

    /// <summary>A push notification's or an inbox entry's body: the title is the subject already.</summary>
    private static string ShortText(NotificationView v) =>
        string.Concat(v.Kind, ": ", v.Title, "\n", v.Words.State, ": ", v.State);
}
