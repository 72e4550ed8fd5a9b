namespace PosFleet.Notifications.Engine;

/// <summary>
/// One line of an organization's delivery status: a queued delivery (<see cref="Delivery"/>, with its attempts and last
/// error) or a recorded skip (<see cref="Skip"/>, with its reason); exactly one of the two is set.
/// </summary>
public sealed record NotificationDeliveryRecord
{
    /// <summary>The idempotency key (item, event, recipient, channel).</summary>
    public required string Key { get; init; }

    /// <summary>Pending, sent, failed or skipped.</summary>
    public required NotificationStatus Status { get; init; }

    /// <summary>When it was queued, or when the event that skipped it was handled: the order of the pages (newest first).</summary>
    public required DateTimeOffset At { get; init; }

    /// <summary>The delivery, or <see langword="null"/> for a skip.</summary>
    public NotificationOutboxEntry? Delivery { get; init; }

    /// <summary>The skip, or <see langword="null"/> for a delivery.</summary>
    public NotificationSkip? Skip { get; init; }
}
