using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Engine;

/// <summary>
/// A capability that publishes PosFleet's own item events (a rollout halted, a digest not delivered) from the state it
/// stores. After start the engine asks each for the events its stored state says happened and publishes them again,
/// one by one: an event whose cause was stored but whose publish a dying host never made is published then, and one
/// already published adds nothing, its event id being derived from that stored state.
/// </summary>
internal interface IOwnEventSource
{
    /// <summary>The events the stored state holds within <see cref="OwnEvents.RepublishWindow"/>, to publish again (the engine's idempotency keys make that once).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The events, oldest cause first.</returns>
    ValueTask<IReadOnlyList<ItemEvent>> ListEventsAsync(CancellationToken cancellationToken);
}

/// <summary>How far back a start publishes PosFleet's own events again.</summary>
internal static class OwnEvents
{
    /// <summary>
    /// The causes of the last 24 hours: a crash leaves at most the events it was finishing, and an older cause is not
    /// sent to a recipient or a rule added since (the engine's idempotency keys are per recipient).
    /// </summary>
    public static readonly TimeSpan RepublishWindow = TimeSpan.FromHours(24);
}
