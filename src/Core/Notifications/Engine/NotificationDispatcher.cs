using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Digests;
using PosFleet.Notifications.Items;
using PosFleet.Notifications.Templates;

namespace PosFleet.Notifications.Engine;

/// <summary>
/// Sends what the outbox holds due: claims a batch, sends each delivery (a recipient's digest batch as one message)
/// through the <see cref="INotifier"/> router with the delivery's key as idempotency key, and records the outcome: sent,
/// failed for good, or pending again after Polly's back-off. The claim has a token: before each send the dispatcher
/// renews it and sends only what it still holds, and a heartbeat renews it while the send lasts, so a pass longer than
/// the lease never sends what another dispatcher claimed since; the outcome is recorded only under the same token.
/// A crash between sending and recording leaves the claim to lapse, and the delivery is sent again with the same key
/// (delivery is at least once: SMTP keeps its Message-Id, so a receiver can recognise the copy).
/// </summary>
internal sealed partial class NotificationDispatcher : INotificationDispatcher
{
    private readonly INotificationStore _store;
    private readonly INotifier _notifier;
    private readonly NotificationEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DigestRetry _retry;

    public NotificationDispatcher(INotificationStore store, INotifier notifier, IOptions<NotificationEngineOptions> options, TimeProvider time, ILogger<NotificationDispatcher> logger)
    {
        _store = store;
        _notifier = notifier;
        _options = options.Value;
        _time = time;
        _logger = logger;
        // The digests' back-off (Polly's exponential retry, replayed to read the delay) with this engine's settings.
        _retry = new DigestRetry(
            new DigestOptions { RetryDelay = _options.RetryDelay, MaxRetryDelay = _options.MaxRetryDelay, UseRetryJitter = _options.UseRetryJitter, MaxAttempts = _options.MaxAttempts },
            time);
    }

    public async ValueTask<int> DispatchDueAsync(CancellationToken cancellationToken = default)
    {
        var token = Guid.NewGuid();
        var claimed = await _store.ClaimDueAsync(_time.GetUtcNow(), _options.ClaimLease, _options.BatchSize, token, cancellationToken).ConfigureAwait(false);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var handled = 0;
        // A digest is one burst of a batch: its entries share the batch and the due time (the end of its window).
        foreach (var group in claimed.GroupBy(e => e.BatchKey is null ? e.Key : e.BatchKey + "\n" + e.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal))
        {
            // The pass may have outlived the lease: send only what is still ours, and keep it ours while sending.
            var keys = group.Select(e => e.Key).ToList();
            var held = await _store.RenewClaimsAsync(keys, token, _time.GetUtcNow() + _options.ClaimLease, cancellationToken).ConfigureAwait(false);
            if (held.Count < keys.Count)
            {
                LogClaimLost(_logger, keys.Count - held.Count, keys[0]);
            }

            var entries = group.Where(e => held.Contains(e.Key, StringComparer.Ordinal)).ToList();
            if (entries.Count == 0)
            {
                continue;
            }

            var message = MessageFor(entries);
            NotificationDelivery outcome;
            var heartbeat = new NotificationClaimHeartbeat(_store, held, token, _options.ClaimLease, _time);
            await using (heartbeat.ConfigureAwait(false))
            {
                try
                {
                    var result = await _notifier.SendAsync(message, cancellationToken).ConfigureAwait(false);
                    outcome = result.Deliveries.Count > 0 ? result.Deliveries[0] : new NotificationDelivery(message.Recipients[0], DeliveryStatus.TransientFailure, "The notifier reported no outcome.");
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // A notifier that throws (no notifier for the channel, a bug) must not stop the others; try again later.
                    LogSendThrew(_logger, ex, message.Channel.Name, entries[0].Key);
                    outcome = new NotificationDelivery(message.Recipients[0], DeliveryStatus.TransientFailure, ex.Message);
                }
            }

            var attempts = new List<NotificationAttempt>(entries.Count);
            var now = _time.GetUtcNow();
            foreach (var entry in entries)
            {
                attempts.Add(await AttemptAsync(entry, outcome, now).ConfigureAwait(false));
            }

            var recorded = await _store.RecordAttemptsAsync(attempts, token, CancellationToken.None).ConfigureAwait(false);
            if (recorded < attempts.Count)
            {
                // Only when the store could not be reached for a whole lease: another dispatcher holds them now.
                LogClaimLost(_logger, attempts.Count - recorded, attempts[0].Key);
            }

            handled += entries.Count;
        }

        return handled;
    }

    private async ValueTask<NotificationAttempt> AttemptAsync(NotificationOutboxEntry entry, NotificationDelivery outcome, DateTimeOffset now)
    {
        var attempts = entry.Attempts + 1;
        switch (outcome.Status)
        {
            case DeliveryStatus.Sent:
                return new NotificationAttempt(entry.Key, NotificationDeliveryState.Sent, attempts, entry.DueAt, null, now);
            case DeliveryStatus.TransientFailure when attempts < _options.MaxAttempts:
                var delay = await _retry.DelayAfterAsync(attempts).ConfigureAwait(false);
                LogRetry(_logger, entry.Key, attempts, delay, outcome.Reason);
                return new NotificationAttempt(entry.Key, NotificationDeliveryState.Pending, attempts, now + delay, outcome.Reason, now);
            default:
                LogFailed(_logger, entry.Key, attempts, outcome.Reason);
                return new NotificationAttempt(entry.Key, NotificationDeliveryState.Failed, attempts, entry.DueAt, outcome.Reason ?? "Failed.", now);
        }
    }

    private static NotificationMessage MessageFor(List<NotificationOutboxEntry> entries)
    {
        var first = entries[0];
        if (entries.Count == 1)
        {
            return new NotificationMessage
            {
                Channel = first.Channel, OrganizationId = first.OrganizationId, Recipients = [first.Address], Subject = first.Content.Subject, Text = first.Content.Text,
                Html = first.Content.Html, Headers = Headers(first.Content.Link), IdempotencyKey = first.Key,
            };
        }

        // A digest: the burst in one mail, oldest first, in the recipient's language. Its key is the batch's and the
        // burst's first entry's, which a resend after a lapsed claim shares even if entries were regrouped meanwhile.
        var ordered = entries.OrderBy(e => e.CreatedAt).ThenBy(e => e.Key, StringComparer.Ordinal).ToList();
        var content = NotificationDigestRenderer.Render(ordered, ordered[0].Culture);
        return new NotificationMessage
        {
            Channel = first.Channel,
            OrganizationId = first.OrganizationId,
            Recipients = [first.Address],
            Subject = content.Subject,
            Text = content.Text,
            Html = content.Html,
            IdempotencyKey = "digest/" + first.BatchKey + "/" + ordered[0].Key,
        };
    }

    private static Dictionary<string, string> Headers(Uri? link) => link is null ? [] : new() { ["link"] = link.ToString() };
}
