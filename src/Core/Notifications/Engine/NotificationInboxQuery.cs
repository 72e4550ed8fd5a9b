namespace PosFleet.Notifications.Engine;

/// <summary>A page of one person's inbox in one organization, newest first.</summary>
public sealed record NotificationInboxQuery
{
    /// <summary>The organization.</summary>
    public required string OrganizationId { get; init; }

    /// <summary>The person (a user id).</summary>
    public required string RecipientId { get; init; }

    /// <summary>The keyset cursor: only entries older than this id (the previous page's <see cref="NotificationInboxPage.NextBefore"/>); <see langword="null"/> for the first page.</summary>
    public long? Before { get; init; }

    /// <summary>Whether to list only unread entries.</summary>
    public bool UnreadOnly { get; init; }

    /// <summary>How many entries per page.</summary>
    /// <value>The default value is 50.</value>
    public int Limit { get; init; } = 50;
}
