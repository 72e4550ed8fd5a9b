using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PosFleet.Notifications.Items;

namespace PosFleet.Notifications.Engine;

/// <summary>
/// After host start, in the background, publishes PosFleet's own events again from the stored state
/// (<see cref="IOwnEventSource"/>), so that a host killed between a cause and its publish notifies once after the
/// restart (an event published again meanwhile adds nothing either). The host's start does not wait for it. An event
/// that cannot be published, or a source that cannot be read, is logged and counted, and the others still go: the
/// next start tries again.
/// </summary>
internal sealed partial class OwnEventsRepublishService(
    IEnumerable<IOwnEventSource> sources, IItemEventPublisher publisher, ILogger<OwnEventsRepublishService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        foreach (var source in sources)
        {
            var name = source.GetType().Name;
            IReadOnlyList<ItemEvent> events;
            try
            {
                events = await source.ListEventsAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.ListFailed(logger, name, ex);
                continue;
            }

            var failed = 0;
            foreach (var itemEvent in events)
            {
                try
                {
                    await publisher.PublishAsync(itemEvent, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception ex)
                {
                    failed++;
                    Log.PublishFailed(logger, name, itemEvent.EventId, ex);
                }
            }

            if (failed == 0)
            {
                Log.Republished(logger, name, events.Count);
            }
            else
            {
                Log.RepublishedWithFailures(logger, name, events.Count - failed, failed);
            }
        }
    }
}
