using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PosFleet.Notifications.Engine;

/// <summary>
/// At host start, republishes PosFleet's own events from the stored state (<see cref="IOwnEventSource"/>), so that a host killed between a cause and its publish
/// notifies once after the restart (an event published again meanwhile adds nothing either). A source that fails is logged and does not stop the host: the next start retries.
/// </summary>
internal sealed partial class OwnEventsRepublishService(IEnumerable<IOwnEventSource> sources, ILogger<OwnEventsRepublishService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            try
            {
                var published = await source.RepublishAsync(cancellationToken).ConfigureAwait(false);
                Log.Republished(logger, source.GetType().Name, published);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                Log.RepublishFailed(logger, source.GetType().Name, ex);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
