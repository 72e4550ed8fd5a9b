namespace PosFleet.Notifications.Items;

/// <summary>What happened to a <see cref="NotificationItem"/>.</summary>
public enum ItemEventType
{
    /// <summary>The item was created, in the state it carries; created in a notifying state notifies as entering it would.</summary>
    Created = 0,

    /// <summary>The item moved from <see cref="ItemEvent.PreviousState"/> to its current state.</summary>
    StateChanged = 1,

    /// <summary>A technician (<see cref="ItemEvent.AssignedTechnicianId"/>) was assigned to the item; that technician always gets a push.</summary>
    Assigned = 2,
}
