using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Connectors.WebPush.Internal;
using PosFleet.Notifications;
using PosFleet.Notifications.Push;

namespace PosFleet.Connectors.WebPush;

/// <summary>
/// Registers the push channel's notifier: Web Push (VAPID) to every browser or device a recipient subscribed. The
/// channel has one notifier, the last registered; other channels are left as they are.
/// </summary>
public static class WebPushPosFleetBuilderExtensions
{
    /// <summary>The name of the <see cref="IHttpClientFactory"/> client that talks to the push services.</summary>
    public const string HttpClientName = "PosFleet.WebPush";

    /// <summary>
    /// Sends the push channel's notifications through the Web Push protocol. The recipients' subscriptions come from
    /// the registered <see cref="IPushSubscriptionStore"/>: SQLite with <c>UseSqliteStorage</c>, else one in memory.
    /// </summary>
    /// <param name="builder">The PosFleet builder.</param>
    /// <param name="configure">Sets the VAPID subject and keys, and the retry policy.</param>
    /// <returns>The builder.</returns>
    public static IPosFleetBuilder AddWebPushNotifier(this IPosFleetBuilder builder, Action<WebPushNotifierOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<WebPushNotifierOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebPushNotifierOptions>, WebPushNotifierOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        // TryAdd: a storage connector registered before keeps its durable store (and one registered after replaces this).
        services.TryAddSingleton<IPushSubscriptionStore, InMemoryPushSubscriptionStore>();
        // Redirects are not followed: the endpoint's host is checked against the allowed push services, and a reply
        // must not send the request on to a host that was not.
        services.AddHttpClient(HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        // The public half only, for the back office's key endpoint; the options (and the private key) stay here.
        services.TryAddSingleton(sp => new PushApplicationServerKey(sp.GetRequiredService<IOptions<WebPushNotifierOptions>>().Value.PublicKey));
        // The push services endpoints may point at, for the back office's subscribe check and the notifier's own.
        services.TryAddSingleton(sp => new PushServiceHosts(sp.GetRequiredService<IOptions<WebPushNotifierOptions>>().Value.AllowedPushServiceHosts));
        services.TryAddSingleton(sp => new WebPushNotifier(
            sp.GetRequiredService<IPushSubscriptionStore>(),
            sp.GetRequiredService<PushServiceHosts>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName),
            sp.GetRequiredService<IOptions<WebPushNotifierOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebPushNotifier>>()));
        return builder.AddNotifier(NotificationChannel.Push, sp => sp.GetRequiredService<WebPushNotifier>());
    }
}
