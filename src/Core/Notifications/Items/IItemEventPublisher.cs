namespace PosFleet.Notifications.Items;

/// <summary>
/// Where a host (and PosFleet's own capabilities) report changes of items; the notification engine implements it:
/// it applies the rules, resolves the recipients and queues one delivery per recipient and channel.
/// </summary>
public interface IItemEventPublisher
{
    /// <summary>Records <paramref name="itemEvent"/> and queues its notifications; an event already published (same <see cref="ItemEvent.EventId"/>) queues nothing more.</summary>
    /// <param name="itemEvent">The change.</param>
    /// <param name="cancellationToken">Cancels the call; the event is then either wholly recorded or not at all.</param>
    /// <returns>A task that completes once the notifications are durably queued (not yet sent).</returns>
    ValueTask PublishAsync(ItemEvent itemEvent, CancellationToken cancellationToken);
}
