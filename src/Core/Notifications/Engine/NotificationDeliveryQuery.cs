namespace PosFleet.Notifications.Engine;

/// <summary>Which deliveries and skips of an organization to list, newest first; every filter left <see langword="null"/> matches all.</summary>
public sealed record NotificationDeliveryQuery
{
    /// <summary>Only this status; <see cref="NotificationStatus.Skipped"/> lists only skips, the others only deliveries.</summary>
    public NotificationStatus? Status { get; init; }

    /// <summary>Only the records of items of this kind.</summary>
    public string? ItemKind { get; init; }

    /// <summary>Only the records of this item.</summary>
    public string? ItemId { get; init; }

    /// <summary>Only the records for this recipient.</summary>
    public string? RecipientId { get; init; }

    /// <summary>The keyset cursor: the previous page's <see cref="NotificationDeliveryPage.Next"/>; <see langword="null"/> for the first page.</summary>
    public string? After { get; init; }

    /// <summary>How many records per page.</summary>
    /// <value>The default value is 50.</value>
    public int Limit { get; init; } = 50;
}
