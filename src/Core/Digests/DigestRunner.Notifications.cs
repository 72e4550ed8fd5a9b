using System.Globalization;
using PosFleet.Notifications.Engine;
using PosFleet.Notifications.Items;

namespace PosFleet.Digests;

internal sealed partial class DigestRunner : IOwnEventSource
{
    // The latest runs not delivered that a start publishes again: a crash leaves at most the runs it was finishing.
    private const int RepublishedRuns = 1000;

    /// <summary>
    /// The events of the latest runs recorded as not delivered within <see cref="OwnEvents.RepublishWindow"/>, to
    /// publish again: one recorded by a host that died before publishing it is notified then, and one already notified
    /// adds nothing (its event id is the run's key and outcome); an older run is not sent to recipients added since.
    /// </summary>
    public async ValueTask<IReadOnlyList<ItemEvent>> ListEventsAsync(CancellationToken cancellationToken)
    {
        var runs = await _store.QueryRunsAsync(
            new DigestRunQuery { Statuses = new HashSet<DigestRunStatus> { DigestRunStatus.Failed, DigestRunStatus.PartiallySent }, Limit = RepublishedRuns },
            cancellationToken).ConfigureAwait(false);
        var since = _time.GetUtcNow() - OwnEvents.RepublishWindow;
        var events = new List<ItemEvent>();
        foreach (var run in runs.Where(r => r.UpdatedAt >= since).OrderBy(r => r.UpdatedAt))
        {
            events.Add(await UndeliveredEventAsync(run, cancellationToken).ConfigureAwait(false));
        }

        return events;
    }

    /// <summary>
    /// Publishes a digest that could not be delivered (to anyone: <c>Failed</c>; to some: <c>PartiallySent</c>) as an
    /// item event of kind <c>digest</c>, once per run: the event id is the run's key and outcome, so a run recorded again
    /// notifies nothing new. A publish that fails is logged and never fails the run, which is already recorded.
    /// </summary>
    private async ValueTask PublishUndeliveredAsync(IItemEventPublisher notifications, DigestRun run)
    {
        try
        {
            await notifications.PublishAsync(await UndeliveredEventAsync(run, CancellationToken.None).ConfigureAwait(false), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            Log.PublishFailed(_logger, run.Key.SubscriptionId, run.Key.WindowEnd, ex);
        }
    }

    private async ValueTask<ItemEvent> UndeliveredEventAsync(DigestRun run, CancellationToken cancellationToken)
    {
        var subscription = await _store.GetSubscriptionAsync(run.Key.SubscriptionId, cancellationToken).ConfigureAwait(false);
        var window = run.Key.WindowEnd.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);
        var failed = run.Recipients.Where(r => r.Status == DigestRecipientStatus.Failed).Select(r => r.Recipient);
        return new ItemEvent
        {
            EventId = string.Create(CultureInfo.InvariantCulture, $"digest:{run.Key.IdempotencyKey}:{run.Status}"),
            Type = ItemEventType.StateChanged,
            OccurredAt = run.UpdatedAt,
            Item = new NotificationItem
            {
                Id = run.Key.SubscriptionId,
                Kind = "digest",
                Title = $"Digest “{subscription?.Name ?? run.Key.SubscriptionId}” of {window}, not delivered to {string.Join(", ", failed)}",
                State = run.Status.ToString(),
                OrganizationId = subscription?.Organization ?? "",
            },
        };
    }
}
