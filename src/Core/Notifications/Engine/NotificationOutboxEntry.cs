using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Engine;

/// <summary>
/// One notification for one recipient on one channel, queued in the notification store and sent by the dispatcher.
/// Its <see cref="Key"/> (item, event, recipient, channel) exists once in a store: queuing it again changes nothing.
/// </summary>
public sealed record NotificationOutboxEntry
{
    /// <summary>The idempotency key: <c>kind/item/event/recipient/channel</c>; e-mail notifiers derive the Message-Id from it.</summary>
    public required string Key { get; init; }

    /// <summary>The channel that delivers it.</summary>
    public required NotificationChannel Channel { get; init; }

    /// <summary>The recipient's id in the host's directory.</summary>
    public required string RecipientId { get; init; }

    /// <summary>Where it goes, in the channel's form: an e-mail address, or the user id for push.</summary>
    public required string Address { get; init; }

    /// <summary>The item's kind.</summary>
    public required string ItemKind { get; init; }

    /// <summary>The item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>The id of the event that queued it.</summary>
    public required string EventId { get; init; }

    /// <summary>The item's organization.</summary>
    public required string OrganizationId { get; init; }

    /// <summary>The rendered content.</summary>
    public required NotificationContent Content { get; init; }

    /// <summary>The recipient's culture name (<c>it</c>, <c>es-MX</c> …), or <see langword="null"/> for English: a digest of several entries is written in it.</summary>
    public string? Culture { get; init; }

    /// <summary>The recipient's digest batch (organization, recipient and address), or <see langword="null"/> when sent alone.</summary>
    public string? BatchKey { get; init; }

    /// <summary>When it was queued.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it is due to be sent (now, after a retry delay, at the end of a digest window or of quiet hours).</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Pending, sent or failed.</summary>
    public NotificationDeliveryState State { get; init; }

    /// <summary>How many times it was tried.</summary>
    public int Attempts { get; init; }

    /// <summary>Why the last attempt failed, if it did.</summary>
    public string? LastError { get; init; }

    /// <summary>When it was sent, or failed for good.</summary>
    public DateTimeOffset? CompletedAt { get; init; }
}
