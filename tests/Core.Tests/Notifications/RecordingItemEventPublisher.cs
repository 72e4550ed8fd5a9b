using PosFleet.Notifications.Items;

namespace PosFleet.Tests.Notifications;

/// <summary>An <see cref="IItemEventPublisher"/> that keeps what PosFleet's own capabilities publish, in order.</summary>
internal sealed class RecordingItemEventPublisher : IItemEventPublisher
{
    private readonly List<ItemEvent> _events = [];

    public IReadOnlyList<ItemEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public ValueTask PublishAsync(ItemEvent itemEvent, CancellationToken cancellationToken)
    {
        lock (_events)
        {
            _events.Add(itemEvent);
        }

        return ValueTask.CompletedTask;
    }
}
