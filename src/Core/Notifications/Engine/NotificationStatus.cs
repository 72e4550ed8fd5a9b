namespace PosFleet.Notifications.Engine;

/// <summary>Where a notification for one recipient on one channel stands: queued, sent, failed for good, or skipped with a reason.</summary>
public enum NotificationStatus
{
    /// <summary>Queued and not sent yet: due now or later (a retry after back-off, a digest window, quiet hours).</summary>
    Pending = 0,

    /// <summary>The channel's notifier accepted it.</summary>
    Sent = 1,

    /// <summary>It failed for good: a permanent failure, or every attempt failed.</summary>
    Failed = 2,

    /// <summary>It was never queued: the recipient could not be reached on the channel (see <see cref="NotificationSkip.Reason"/>).</summary>
    Skipped = 3,
}
