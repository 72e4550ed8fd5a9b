using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Templates;

/// <summary>
/// What a notification says, in the recipient's words, before it is laid out as text or HTML: the subject per event
/// type, the item's facts and its link. Host text (title, states) is made safe to print with <see cref="DisplayText"/>:
/// a line break in a title cannot forge a line of the mail nor a header.
/// </summary>
internal sealed class NotificationView
{
    public NotificationView(ItemEvent itemEvent, NotificationRecipient recipient)
    {
        var item = itemEvent.Item;
        Words = NotificationStrings.For(recipient.Culture);
        Title = DisplayText.Escape(item.Title);
        State = DisplayText.Escape(item.State);
        PreviousState = itemEvent.Type == ItemEventType.StateChanged && itemEvent.PreviousState is { } from ? DisplayText.Escape(from) : null;
        Kind = DisplayText.Escape(Words.Kind(item.Kind));
        RecipientName = DisplayText.Escape(recipient.DisplayName);
        Link = IsSafeLink(item.Link) ? item.Link : null;
        Subject = itemEvent.Type switch
        {
            ItemEventType.Created => Words.Format(Words.Created, Title, State),
            ItemEventType.Assigned => Words.Format(Words.Assigned, Title),
            _ when PreviousState is not null => Words.Format(Words.Moved, Title, PreviousState, State),
            _ => Words.Format(Words.Entered, Title, State),
        };
    }

    public NotificationStrings Words { get; }

    public string Subject { get; }

    public string Title { get; }

    public string State { get; }

    public string? PreviousState { get; }

    public string Kind { get; }

    public string RecipientName { get; }

    /// <summary>The item's link when it is an http or https address; any other scheme (<c>javascript:</c> …) is left out.</summary>
    public Uri? Link { get; }

    /// <summary>Whether <paramref name="uri"/> is an absolute http or https address: the only links a notification carries.</summary>
    internal static bool IsSafeLink(Uri? uri) =>
        uri is { IsAbsoluteUri: true } && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
