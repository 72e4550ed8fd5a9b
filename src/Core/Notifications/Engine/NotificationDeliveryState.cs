namespace PosFleet.Notifications.Engine;

/// <summary>Where a queued notification (an e-mail, a push) stands in the outbox.</summary>
public enum NotificationDeliveryState
{
    /// <summary>Not sent yet: due now or later (a retry, a digest window, quiet hours).</summary>
    Pending = 0,

    /// <summary>The channel's notifier accepted it.</summary>
    Sent = 1,

    /// <summary>It failed for good: a permanent failure, or every attempt failed.</summary>
    Failed = 2,
}
