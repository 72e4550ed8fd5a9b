namespace PosFleet.Notifications.Items;

/// <summary>What a notification says, as an <see cref="INotificationTemplate"/> renders it for one recipient and channel.</summary>
public sealed record NotificationContent
{
    /// <summary>The subject (e-mail), title (push) or headline (inbox).</summary>
    public required string Subject { get; init; }

    /// <summary>The plain-text body.</summary>
    public required string Text { get; init; }

    /// <summary>The HTML body (e-mail), when there is one.</summary>
    public string? Html { get; init; }

    /// <summary>Where the notification leads: the item's link, usually.</summary>
    public Uri? Link { get; init; }
}
