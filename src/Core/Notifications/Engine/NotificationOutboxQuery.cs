namespace PosFleet.Notifications.Engine;

/// <summary>
/// Which outbox entries (and skips) of one organization to list, newest first, that is by time then key, both
/// descending: every other filter left <see langword="null"/> matches all. Another organization's entries are never listed.
/// </summary>
public sealed record NotificationOutboxQuery
{
    /// <summary>The organization whose deliveries (or skips) are listed.</summary>
    public required string OrganizationId { get; init; }

    /// <summary>Only the entries of items of this kind.</summary>
    public string? ItemKind { get; init; }

    /// <summary>Only the entries of this item.</summary>
    public string? ItemId { get; init; }

    /// <summary>Only the entries of this event.</summary>
    public string? EventId { get; init; }

    /// <summary>Only the entries for this recipient.</summary>
    public string? RecipientId { get; init; }

    /// <summary>Only the entries in this state (ignored for skips).</summary>
    public NotificationDeliveryState? State { get; init; }

    /// <summary>
    /// The keyset cursor: only the records after this position in the newest-first order, for the next page;
    /// <see langword="null"/> for the first. A store must honour it (the conformance suite pages through ties and inserts).
    /// </summary>
    public NotificationOutboxCursor? Before { get; init; }

    /// <summary>How many to return at most.</summary>
    /// <value>The default value is 100.</value>
    public int Limit { get; init; } = 100;
}
