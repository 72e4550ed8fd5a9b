using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Digests.Rendering;
using PosFleet.Logs.Classification;
using PosFleet.Logs.Storage;
using PosFleet.Notifications;
using PosFleet.Notifications.Items;

namespace PosFleet.Digests;

/// <summary>count → decide → render → send → record, one (subscription, window) at a time, through the run ledger.</summary>
internal sealed partial class DigestRunner : IDigestRunner
{
    /// <summary>The test id of a scheduled run of a subscription in test mode: one test digest per window, never the window's digest.</summary>
    internal const string ScheduledTestId = "scheduled";

    private readonly IDigestStore _store;
    private readonly INotifier _notifier;
    private readonly DigestOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly DigestContentBuilder _content;
    private readonly DigestRetry _retry;

    private readonly IItemEventPublisher? _notifications;

    public DigestRunner(
        IDigestStore store,
        ILogStore logs,
        INotifier notifier,
        IClassificationRuleCatalog rules,
        IOptions<DigestOptions> options,
        TimeProvider time,
        ILogger<DigestRunner> logger,
        IItemEventPublisher? notifications = null)
    {
        _notifications = notifications;
        _store = store;
        _notifier = notifier;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _content = new DigestContentBuilder(logs, _options, rules);
        _retry = new DigestRetry(_options, time);
    }

    public async ValueTask<IReadOnlyList<DigestRunResult>> RunDueAsync(DigestRunDueRequest? request = null, CancellationToken cancellationToken = default)
    {
        request ??= new DigestRunDueRequest();
        var results = new List<DigestRunResult>();
        var now = _time.GetUtcNow();

        var open = await _store.QueryRunsAsync(
            new DigestRunQuery
            {
                SubscriptionId = request.SubscriptionId,
                Statuses = new HashSet<DigestRunStatus> { DigestRunStatus.Pending, DigestRunStatus.InProgress },
                Limit = 1000,
            },
            cancellationToken).ConfigureAwait(false);
        foreach (var run in open.Where(r => r.IsDueAt(now)).OrderBy(r => r.Key.WindowEnd))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var subscription = await _store.GetSubscriptionAsync(run.Key.SubscriptionId, cancellationToken).ConfigureAwait(false);
            results.Add(await RunGuardedAsync(subscription, run.Key, run.Trigger, cancellationToken).ConfigureAwait(false));
        }

        IReadOnlyList<DigestSubscription> subscriptions = request.SubscriptionId is { } id
            ? await _store.GetSubscriptionAsync(id, cancellationToken).ConfigureAwait(false) is { } one ? [one] : []
            : await _store.GetSubscriptionsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var subscription in subscriptions.Where(s => s.Active))
        {
            foreach (var (window, trigger) in await DueWindowsAsync(subscription, now, cancellationToken).ConfigureAwait(false))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var key = new DigestRunKey(subscription.Id, window.Start, window.End, subscription.TestMode ? ScheduledTestId : null);
                results.Add(await RunGuardedAsync(subscription, key, trigger, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    public async ValueTask<DigestRunResult> RunWindowAsync(string subscriptionId, DigestWindow window, DigestTrigger trigger = DigestTrigger.Scheduled, CancellationToken cancellationToken = default)
    {
        var subscription = await RequireAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        var key = new DigestRunKey(subscription.Id, window.Start, window.End, subscription.TestMode ? ScheduledTestId : null);
        return await RunAsync(subscription, key, trigger, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<DigestRunResult> AuditAsync(string subscriptionId, bool testMode = false, CancellationToken cancellationToken = default)
    {
        var subscription = await RequireAsync(subscriptionId, cancellationToken).ConfigureAwait(false);
        var now = _time.GetUtcNow();
        var window = new DigestWindow(now - subscription.Window, now);
        var testId = testMode || subscription.TestMode ? "audit-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfffffff'Z'", System.Globalization.CultureInfo.InvariantCulture) : null;
        var key = new DigestRunKey(subscription.Id, window.Start, window.End, testId);
        return await RunAsync(subscription, key, DigestTrigger.OnDemand, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<DigestSubscription> RequireAsync(string subscriptionId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(subscriptionId);
        return await _store.GetSubscriptionAsync(subscriptionId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"There is no digest subscription '{subscriptionId}'; list them to see their ids.");
    }

    private async ValueTask<DigestRunResult> RunGuardedAsync(DigestSubscription? subscription, DigestRunKey key, DigestTrigger trigger, CancellationToken cancellationToken)
    {
        try
        {
            return await RunAsync(subscription, key, trigger, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not PosFleetStorageException)
        {
            // One run's bug does not hold up the others; a store that fails fails the whole call, as the next run would.
            Log.RunCrashed(_logger, key.SubscriptionId, key.WindowEnd, ex);
            // Left in progress: another pass takes it over after its lease.
            return new DigestRunResult(key, DigestRunResult.OutcomeOf(DigestRunStatus.InProgress), null);
        }
    }

    /// <summary>The windows of <paramref name="s"/> to run now, oldest first: the on-time one and the missed ones the catch-up rule keeps.</summary>
    internal async ValueTask<IReadOnlyList<(DigestWindow Window, DigestTrigger Trigger)>> DueWindowsAsync(DigestSubscription s, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var zone = DigestSchedule.TimeZoneOf(s);
        var recent = await _store.QueryRunsAsync(new DigestRunQuery { SubscriptionId = s.Id, Limit = 50 }, cancellationToken).ConfigureAwait(false);

        // Audits cover arbitrary windows: only scheduled runs say how far the schedule got.
        var anchor = recent.Where(r => r.Trigger != DigestTrigger.OnDemand).Select(r => (DateTimeOffset?)r.Key.WindowEnd).FirstOrDefault();

        var onTime = new List<DateTimeOffset>();
        var missed = new List<DateTimeOffset>();
        var instant = DigestSchedule.LatestSendAtOrBefore(s, zone, now);
        for (var i = 0; i < _options.MaxCatchUpWindows && (anchor is null || instant > anchor); i++)
        {
            (now - instant <= _options.MissedWindowGrace ? onTime : missed).Add(instant);
            instant = DigestSchedule.PreviousSend(s, zone, instant);
        }

        // A subscription with no run yet has missed nothing: its first digest is the next one on time.
        IEnumerable<DateTimeOffset> caughtUp = anchor is null ? [] : _options.CatchUp switch
        {
            DigestCatchUp.All => missed,
            DigestCatchUp.LatestOnly when onTime.Count == 0 => missed.Take(1),
            _ => [],
        };

        return
        [
            .. caughtUp.Order().Select(e => (DigestSchedule.WindowEndingAt(s, zone, e), DigestTrigger.CatchUp)),
            .. onTime.Order().Select(e => (DigestSchedule.WindowEndingAt(s, zone, e), DigestTrigger.Scheduled)),
        ];
    }

    private async ValueTask<DigestRunResult> RunUnmeasuredAsync(DigestSubscription? subscription, DigestRunKey key, DigestTrigger trigger, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var claim = new DigestRunClaim(
            key, trigger, _options.HostId, now, now + _options.RunLease,
            subscription?.Recipients ?? [], subscription?.MinimumThreshold ?? 1);
        var run = await _store.TryClaimRunAsync(claim, cancellationToken).ConfigureAwait(false);
        if (run is null)
        {
            var existing = await _store.GetRunAsync(key, cancellationToken).ConfigureAwait(false);
            Log.RunSkipped(_logger, key.SubscriptionId, key.WindowEnd, existing?.Status);
            return DigestRunResult.Skipped(key, existing);
        }

        if (subscription is null)
        {
            return await FinishAsync(run with { Status = DigestRunStatus.Failed, Error = "The subscription was removed before its digest could be sent.", UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
        }

        long count;
        RenderedDigest rendered;
        try
        {
            count = await _content.CountAsync(subscription, key.Window, cancellationToken).ConfigureAwait(false);
            // The decision is made once: a retry sends to the pending recipients even if retention since removed entries.
            var decided = run.Count is not null || run.Recipients.Any(r => r.Status != DigestRecipientStatus.Pending);
            if (!key.IsTest && !decided && count < Math.Max(1, run.Threshold))
            {
                Log.BelowThreshold(_logger, subscription.Id, key.WindowEnd, count, run.Threshold);
                return await FinishAsync(run with { Status = DigestRunStatus.BelowThreshold, Count = count, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
            }

            var content = await _content.BuildAsync(subscription, key.Window, count, key.IsTest, cancellationToken).ConfigureAwait(false);
            rendered = DigestRenderer.Render(content);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.CountFailed(_logger, subscription.Id, key.WindowEnd, ex);
            var retried = await RetryAsync(run, now, ex.Message).ConfigureAwait(false);
            return await FinishAsync(retried with { Error = "Counting or rendering failed: " + ex.Message }, cancellationToken).ConfigureAwait(false);
        }

        var pending = run.Recipients.Where(r => r.Status == DigestRecipientStatus.Pending).Select(r => r.Recipient).ToArray();
        var message = new NotificationMessage
        {
            Recipients = pending,
            Subject = rendered.Subject,
            Text = rendered.Text,
            Html = rendered.Html,
            IdempotencyKey = key.IdempotencyKey,
            Headers = new Dictionary<string, string>
            {
                ["X-PosFleet-Digest"] = key.IdempotencyKey,
                ["X-PosFleet-Count"] = count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };

        NotificationResult result;
        try
        {
            result = await _notifier.SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = NotificationResult.ForAll(pending, DeliveryStatus.TransientFailure, ex.Message);
        }

        var updated = await MergeAsync(run with { Count = count }, result, now).ConfigureAwait(false);
        Log.Sent(_logger, subscription.Id, key.WindowEnd, count, updated.Status, updated.Recipients.Count(r => r.Status == DigestRecipientStatus.Sent), updated.Recipients.Count);
        return await FinishAsync(updated, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<DigestRun> MergeAsync(DigestRun run, NotificationResult result, DateTimeOffset now)
    {
        var byRecipient = result.Deliveries.ToDictionary(d => d.Recipient, StringComparer.OrdinalIgnoreCase);
        var recipients = run.Recipients.Select(r =>
        {
            if (r.Status != DigestRecipientStatus.Pending)
            {
                return r;
            }

            var d = byRecipient.GetValueOrDefault(r.Recipient) ?? new NotificationDelivery(r.Recipient, DeliveryStatus.TransientFailure, "The notifier reported nothing for this recipient.");
            return d.Status switch
            {
                DeliveryStatus.Sent => r with { Status = DigestRecipientStatus.Sent, Attempts = r.Attempts + 1, Reason = null, LastAttemptAt = now },
                DeliveryStatus.PermanentFailure => r with { Status = DigestRecipientStatus.Failed, Attempts = r.Attempts + 1, Reason = d.Reason, LastAttemptAt = now },
                _ => r with { Attempts = r.Attempts + 1, Reason = d.Reason, LastAttemptAt = now },
            };
        }).ToArray();

        var next = run with { Recipients = recipients, UpdatedAt = now, Error = null };
        return recipients.Any(r => r.Status == DigestRecipientStatus.Pending) ? await RetryAsync(next, now, null).ConfigureAwait(false) : Settle(next);
    }

    /// <summary>Leaves the run pending for a later attempt, or, when its attempts ran out, fails what is still pending.</summary>
    private async ValueTask<DigestRun> RetryAsync(DigestRun run, DateTimeOffset now, string? reason)
    {
        if (run.Attempts >= _retry.MaxAttempts)
        {
            var recipients = run.Recipients
                .Select(r => r.Status == DigestRecipientStatus.Pending
                    ? r with { Status = DigestRecipientStatus.Failed, Reason = $"Gave up after {run.Attempts} attempts: {r.Reason ?? reason}" }
                    : r)
                .ToArray();
            return Settle(run with { Recipients = recipients, UpdatedAt = now });
        }

        var delay = await _retry.DelayAfterAsync(run.Attempts).ConfigureAwait(false);
        return run with { Status = DigestRunStatus.Pending, NextAttemptAt = now + delay, UpdatedAt = now };
    }

    private static DigestRun Settle(DigestRun run)
    {
        var sent = run.Recipients.Count(r => r.Status == DigestRecipientStatus.Sent);
        var status = sent == run.Recipients.Count ? DigestRunStatus.Sent : sent > 0 ? DigestRunStatus.PartiallySent : DigestRunStatus.Failed;
        return run with { Status = status, NextAttemptAt = null };
    }

    private async ValueTask<DigestRunResult> FinishAsync(DigestRun run, CancellationToken cancellationToken)
    {
        // The outcome is recorded even when the caller gives up now: the e-mail may already be out.
        if (!await _store.UpdateRunAsync(run, CancellationToken.None).ConfigureAwait(false))
        {
            Log.ClaimLost(_logger, run.Key.SubscriptionId, run.Key.WindowEnd, run.Owner);
        }
        else if (_notifications is not null && run.Status is DigestRunStatus.Failed or DigestRunStatus.PartiallySent)
        {
            await PublishUndeliveredAsync(_notifications, run).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return DigestRunResult.Recorded(run);
    }
}
