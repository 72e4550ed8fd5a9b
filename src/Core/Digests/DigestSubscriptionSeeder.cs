using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace PosFleet.Digests;

/// <summary>Saves the subscriptions of <see cref="DigestOptions.Subscriptions"/> (such as from <c>appsettings.json</c>) into the store at start-up.</summary>
internal sealed class DigestSubscriptionSeeder(IDigestStore store, IOptions<DigestOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var subscription in options.Value.Subscriptions)
        {
            await store.SaveSubscriptionAsync(subscription, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
