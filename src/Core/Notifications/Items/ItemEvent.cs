namespace PosFleet.Notifications.Items;

/// <summary>
/// One change of an item, as the host publishes it through <see cref="IItemEventPublisher"/>. The engine notifies at
/// most once per (event, recipient, channel): publishing the same <see cref="EventId"/> again is a no-op.
/// </summary>
public sealed record ItemEvent
{
    /// <summary>
    /// The host's id of this change, the same every time it is published again (a retry, a replay after a restart): the
    /// key of the engine's once-per-transition guarantee. Two changes, even to the same state, need two ids.
    /// </summary>
    public required string EventId { get; init; }

    /// <summary>What happened.</summary>
    public required ItemEventType Type { get; init; }

    /// <summary>The item as it is after the change.</summary>
    public required NotificationItem Item { get; init; }

    /// <summary>The state the item left, for <see cref="ItemEventType.StateChanged"/>.</summary>
    public string? PreviousState { get; init; }

    /// <summary>The technician assigned, for <see cref="ItemEventType.Assigned"/>.</summary>
    public string? AssignedTechnicianId { get; init; }

    /// <summary>When the change happened, from the host's <see cref="TimeProvider"/>.</summary>
    public required DateTimeOffset OccurredAt { get; init; }
}
