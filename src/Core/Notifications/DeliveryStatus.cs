namespace PosFleet.Notifications;

/// <summary>The outcome of delivering a notification to one recipient.</summary>
public enum DeliveryStatus
{
    /// <summary>The transport accepted the notification for this recipient.</summary>
    Sent = 0,

    /// <summary>
    /// It could not be delivered now (server unreachable, connection reset, timeout, a 4xx reply); sending it
    /// again later may succeed.
    /// </summary>
    TransientFailure = 1,

    /// <summary>It will never be delivered as it is (a 5xx reply such as an unknown mailbox); do not retry.</summary>
    PermanentFailure = 2,
}
