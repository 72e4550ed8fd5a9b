namespace PosFleet.Notifications.Engine;

/// <summary>
/// A recipient a rule named but the engine could not reach on a channel, with the reason: no usable e-mail address, no
/// linked login, a login without a profile, unknown to the directory. Recorded once per (event, recipient, channel).
/// </summary>
public sealed record NotificationSkip
{
    /// <summary>The key the delivery would have had.</summary>
    public required string Key { get; init; }

    /// <summary>The id of the event.</summary>
    public required string EventId { get; init; }

    /// <summary>The item's kind.</summary>
    public required string ItemKind { get; init; }

    /// <summary>The item's id.</summary>
    public required string ItemId { get; init; }

    /// <summary>The item's organization.</summary>
    public required string OrganizationId { get; init; }

    /// <summary>The recipient's id (for an unknown customer or technician, the id the item named).</summary>
    public required string RecipientId { get; init; }

    /// <summary>The audience the recipient was resolved for (<c>administrators</c>, <c>customer</c>, <c>technicians</c>, <c>role:NAME</c>).</summary>
    public required string Audience { get; init; }

    /// <summary>The channel that could not be used.</summary>
    public required NotificationChannel Channel { get; init; }

    /// <summary>Why, in words an administrator can act on.</summary>
    public required string Reason { get; init; }

    /// <summary>When the event was handled.</summary>
    public required DateTimeOffset At { get; init; }
}
