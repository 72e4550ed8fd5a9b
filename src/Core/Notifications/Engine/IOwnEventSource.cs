namespace PosFleet.Notifications.Engine;

/// <summary>
/// A capability that publishes PosFleet's own item events (a rollout halted, a digest not delivered) from the state it
/// stores. At start the engine asks each to publish again what its stored state says happened: an event whose cause
/// was stored but whose publish a dying host never made is published then, and one already published adds nothing,
/// its event id being derived from that stored state.
/// </summary>
internal interface IOwnEventSource
{
    /// <summary>Publishes again the events the stored state holds (the engine's idempotency keys make that once).</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many events were published (new or not).</returns>
    ValueTask<int> RepublishAsync(CancellationToken cancellationToken);
}
