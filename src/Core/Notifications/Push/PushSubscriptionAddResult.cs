namespace PosFleet.Notifications.Push;

/// <summary>What <see cref="IPushSubscriptionStore.AddAsync"/> did with a subscription.</summary>
public enum PushSubscriptionAddResult
{
    /// <summary>The endpoint was not stored: it is now, for this recipient of this organization.</summary>
    Added = 0,

    /// <summary>The same recipient of the same organization held the endpoint: its keys are replaced (a browser that subscribed again).</summary>
    Updated = 1,

    /// <summary>
    /// Another recipient, or the same id in another organization, holds the endpoint: nothing changed. The holder
    /// unsubscribes first (or the push service reports the endpoint gone) before anyone else may take it.
    /// </summary>
    HeldByAnother = 2,
}
