using System.Net;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using PosFleet.Notifications;
using PosFleet.Notifications.Push;
using LibPushSubscription = Lib.Net.Http.WebPush.PushSubscription;
using PushSubscription = PosFleet.Notifications.Push.PushSubscription;

namespace PosFleet.Connectors.WebPush.Internal;

/// <summary>
/// The push channel's notifier: each recipient of a message is a user id; the notification goes to every push
/// subscription of theirs (one per browser or device), encrypted for it (aes128gcm) and signed with the VAPID key.
/// A subscription the push service reports gone (404, 410) is removed from the store; 429, 5xx and network failures
/// are retried with back-off, then reported as transient.
/// </summary>
/// <remarks>
/// A recipient is <see cref="DeliveryStatus.Sent"/> when every subscription took the notification (or some did and
/// the others are gone), <see cref="DeliveryStatus.TransientFailure"/> when one still failed transiently: the caller's
/// retry offers it to all their subscriptions again, and the payload's <c>tag</c> (the idempotency key) lets the
/// service worker replace the copy a device already shows instead of showing two.
/// </remarks>
internal sealed partial class WebPushNotifier : INotifier, IDisposable
{
    private readonly IPushSubscriptionStore _store;
    private readonly PushServiceHosts _hosts;
    private readonly PushServiceClient _client;
    private readonly VapidAuthentication _vapid;
    private readonly ResiliencePipeline _retry;
    private readonly WebPushNotifierOptions _options;
    private readonly ILogger<WebPushNotifier> _logger;

    public WebPushNotifier(
        IPushSubscriptionStore store,
        PushServiceHosts hosts,
        HttpClient httpClient,
        IOptions<WebPushNotifierOptions> options,
        TimeProvider time,
        ILogger<WebPushNotifier> logger)
    {
        _store = store;
        _hosts = hosts;
        _options = options.Value;
        _logger = logger;
        httpClient.Timeout = _options.RequestTimeout;
        _vapid = new VapidAuthentication(_options.PublicKey, _options.PrivateKey) { Subject = _options.Subject };
        _client = new PushServiceClient(httpClient)
        {
            // Retries are Polly's, on the TimeProvider, so they are bounded by MaxAttempts and show in the logs.
            AutoRetryAfter = false,
            DefaultAuthentication = _vapid,
            DefaultAuthenticationScheme = VapidAuthenticationScheme.Vapid,
            DefaultTimeToLive = (int)_options.TimeToLive.TotalSeconds,
        };
        _retry = CreateRetryPipeline(_options, time, logger);
    }

    public async ValueTask<NotificationResult> SendAsync(NotificationMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var deliveries = new NotificationDelivery[message.Recipients.Count];
        if (message.OrganizationId is not { } organization)
        {
            // A user id means something only within its organization: without one, no subscription can be chosen safely.
            for (var i = 0; i < deliveries.Length; i++)
            {
                deliveries[i] = new NotificationDelivery(message.Recipients[i], DeliveryStatus.PermanentFailure,
                    "The push message names no organization (NotificationMessage.OrganizationId): push subscriptions are looked up within the recipient's organization.");
            }

            return new NotificationResult(deliveries);
        }

        var payload = PushPayload.Create(message);
        for (var i = 0; i < deliveries.Length; i++)
        {
            deliveries[i] = await SendToRecipientAsync(organization, message.Recipients[i], message.IdempotencyKey, payload, cancellationToken).ConfigureAwait(false);
        }

        return new NotificationResult(deliveries);
    }

    private async ValueTask<NotificationDelivery> SendToRecipientAsync(string organization, string recipient, string key, string payload, CancellationToken cancellationToken)
    {
        var subscriptions = await _store.ListAsync(organization, recipient, cancellationToken).ConfigureAwait(false);
        if (subscriptions.Count == 0)
        {
            Log.NoSubscription(_logger, recipient, key);
            return new NotificationDelivery(recipient, DeliveryStatus.PermanentFailure,
                $"Recipient '{recipient}' has no push subscription: none of their browsers or devices allowed notifications.");
        }

        int sent = 0, gone = 0;
        string? transient = null, permanent = null;
        foreach (var subscription in subscriptions)
        {
            var (status, reason) = await SendToSubscriptionAsync(subscription, key, payload, cancellationToken).ConfigureAwait(false);
            switch (status)
            {
                case SubscriptionOutcome.Sent:
                    sent++;
                    break;
                case SubscriptionOutcome.Gone:
                    gone++;
                    await _store.RemoveAsync(organization, subscription.RecipientId, subscription.Endpoint, cancellationToken).ConfigureAwait(false);
                    Log.SubscriptionGone(_logger, recipient, subscription.Endpoint.Host, reason);
                    break;
                case SubscriptionOutcome.Transient:
                    transient ??= reason;
                    break;
                case SubscriptionOutcome.NotAllowed:
                    permanent ??= reason;
                    Log.EndpointNotAllowed(_logger, recipient, subscription.Endpoint.Host, key, reason);
                    break;
                default:
                    permanent ??= reason;
                    Log.PermanentFailure(_logger, recipient, subscription.Endpoint.Host, key, reason);
                    break;
            }
        }

        if (transient is not null)
        {
            return new NotificationDelivery(recipient, DeliveryStatus.TransientFailure, transient);
        }

        if (sent > 0)
        {
            return new NotificationDelivery(recipient, DeliveryStatus.Sent);
        }

        return new NotificationDelivery(recipient, DeliveryStatus.PermanentFailure, permanent
            ?? $"Every push subscription of recipient '{recipient}' is gone ({gone} removed): they must allow notifications again.");
    }

    private async ValueTask<(SubscriptionOutcome Status, string Reason)> SendToSubscriptionAsync(
        PushSubscription subscription, string key, string payload, CancellationToken cancellationToken)
    {
        // Checked again here, not only when the browser subscribed: a subscription may be older than the rule, or
        // stored by another host. The row is kept; a push service added to the option later serves it again.
        if (!_hosts.IsAllowed(subscription.Endpoint, out var refused))
        {
            return (SubscriptionOutcome.NotAllowed,
                $"Not sent: {refused} (WebPushNotifierOptions.AllowedPushServiceHosts). The user subscribes again from a browser whose push service is allowed.");
        }

        var target = new LibPushSubscription { Endpoint = subscription.Endpoint.AbsoluteUri };
        target.SetKey(PushEncryptionKeyName.P256DH, subscription.P256dh);
        target.SetKey(PushEncryptionKeyName.Auth, subscription.Auth);
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(KeyProperty, key);
        try
        {
            await _retry.ExecuteAsync(
                static async (ctx, state) =>
                {
                    var message = new PushMessage(state.Payload) { Topic = null, Urgency = PushMessageUrgency.Normal };
                    await state.Client.RequestPushMessageDeliveryAsync(state.Target, message, ctx.CancellationToken).ConfigureAwait(false);
                },
                context,
                (Client: _client, Target: target, Payload: payload)).ConfigureAwait(false);
            return (SubscriptionOutcome.Sent, "");
        }
        catch (PushServiceClientException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            return (SubscriptionOutcome.Gone, Describe(ex));
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            return (SubscriptionOutcome.Transient, $"The push service at {subscription.Endpoint.Host} failed: {Describe(ex)}");
        }
        catch (PushServiceClientException ex)
        {
            return (SubscriptionOutcome.Permanent, $"The push service at {subscription.Endpoint.Host} refused the notification: {Describe(ex)}");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    public void Dispose() => _vapid.Dispose();

    private enum SubscriptionOutcome
    {
        Sent,
        Gone,
        Transient,
        Permanent,
        NotAllowed,
    }
}
