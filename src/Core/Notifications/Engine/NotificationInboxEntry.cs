namespace PosFleet.Notifications.Engine;

/// <summary>One notification in a person's in-app inbox (the back office's bell), linking to its item.</summary>
public sealed record NotificationInboxEntry
{
    /// <summary>The entry's id, assigned by the store, increasing: newer entries have larger ids.</summary>
    public long Id { get; init; }

    /// <summary>The idempotency key; the inbox holds one entry per key.</summary>
    public required string Key { get; init; }

    /// <summary>The organization the item belongs to.</summary>
    public required string OrganizationId { get; init; }

    /// <summary>The person (a user id).</summary>
    public required string RecipientId { get; init; }

    /// <summary>The item's kind.</summary>
    public required string ItemKind { get; init; }

    /// <summary>The item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>The headline.</summary>
    public required string Subject { get; init; }

    /// <summary>The text.</summary>
    public required string Text { get; init; }

    /// <summary>The item's link.</summary>
    public Uri? Link { get; init; }

    /// <summary>When it arrived.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was marked read; <see langword="null"/> while unread.</summary>
    public DateTimeOffset? ReadAt { get; init; }
}
