namespace PosFleet.Notifications.Items;

/// <summary>
/// Something whose changes people are notified of, as the host maps its own entity onto it: an intervention (a
/// service job), or one of PosFleet's own items (a terminal on the status board, a remote action, a rollout, a digest).
/// </summary>
public sealed record NotificationItem
{
    /// <summary>The item's id, unique within its <see cref="Kind"/>.</summary>
    public required string Id { get; init; }

    /// <summary>What sort of item it is: <c>intervention</c>, <c>terminal</c>, <c>action</c>, <c>rollout</c>, <c>digest</c> ….</summary>
    public required string Kind { get; init; }

    /// <summary>A short human title, shown in subjects and in the inbox.</summary>
    public required string Title { get; init; }

    /// <summary>The item's state now, in the host's words (<c>Open</c>, <c>Closed</c>, <c>red</c>, <c>Failed</c> …).</summary>
    public required string State { get; init; }

    /// <summary>The organization the item belongs to; its administrators are the <see cref="NotificationAudience.Administrators"/> audience.</summary>
    public required string OrganizationId { get; init; }

    /// <summary>The customer the item is for, when there is one (the <see cref="NotificationAudience.Customer"/> audience).</summary>
    public string? CustomerId { get; init; }

    /// <summary>The technicians assigned to the item (the <see cref="NotificationAudience.Technicians"/> audience).</summary>
    /// <value>The default value is an empty list.</value>
    public IReadOnlyList<string> TechnicianIds { get; init; } = [];

    /// <summary>Where the item is shown in the back office; every notification of it links there.</summary>
    public Uri? Link { get; init; }
}
