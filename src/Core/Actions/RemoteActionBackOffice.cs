using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Notifications.Items;
using PosFleet.Sync.Enrolment;

namespace PosFleet.Actions;

/// <summary>
/// The back office's part of an exchange: records the terminal's reports (only on its own actions: the terminal and
/// organization are the credential's, never the request's), then hands it its delivered actions. When the notification
/// engine is registered, a Failed outcome is published as an item event of kind <c>action</c> (event id
/// <c>action:{id}:failed</c>, so a re-sent report never notifies twice).
/// </summary>
internal sealed partial class RemoteActionBackOffice(
    IRemoteActionStore store,
    IOptions<RemoteActionOptions> options,
    TimeProvider time,
    ILogger<RemoteActionBackOffice> logger,
    IItemEventPublisher? notifications = null)
{
    private readonly RemoteActionOptions _options = options.Value;

    public async ValueTask<RemoteActionBatch> ExchangeAsync(TerminalIdentity identity, IReadOnlyList<RemoteActionReport> reports, CancellationToken cancellationToken)
    {
        var recorded = new List<Guid>(reports.Count);
        foreach (var report in reports)
        {
            if (report is null || report.Id == Guid.Empty)
            {
                continue;
            }

            var bounded = report with
            {
                Detail = report.Detail is null ? null : RemoteActionText.Truncate(report.Detail, _options.MaxOutputChars),
                Output = report.Output is null ? null : RemoteActionText.Truncate(report.Output, _options.MaxOutputChars),
            };
            var result = await store.RecordAsync(identity.Organization, identity.TerminalId, bounded, _options.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
            if (result is RemoteActionRecordResult.Refused)
            {
                Log.Refused(logger, identity.TerminalId, report.ActionId, report.State);
                continue;
            }

            if (result is RemoteActionRecordResult.Recorded && report.Upload is null)
            {
                Log.Reported(logger, report.ActionId, identity.TerminalId, report.State, report.Attempt);
                if (RemoteActionStates.IsDone(report.State))
                {
                    Diagnostics.PosFleetInstruments.ActionResults.Add(1, new KeyValuePair<string, object?>("posfleet.action.state", report.State.ToString().ToLowerInvariant()));
                }
            }

            if (notifications is not null && report.State == RemoteActionState.Failed && report.Upload is null)
            {
                // Also on AlreadyRecorded: a publish lost to a crash after recording is made good by the re-sent report.
                await notifications.PublishAsync(FailedEvent(identity, report), cancellationToken).ConfigureAwait(false);
            }

            recorded.Add(report.Id);
        }

        var delivered = await store.DeliverAsync(identity.Organization, identity.TerminalId, time.GetUtcNow(), _options.MaxDeliveriesPerExchange, cancellationToken).ConfigureAwait(false);
        return new RemoteActionBatch { Actions = [.. delivered.Select(RemoteActionDelivery.From)], Recorded = recorded };
    }

    private static ItemEvent FailedEvent(TerminalIdentity identity, RemoteActionReport report) => new()
    {
        EventId = $"action:{report.ActionId:N}:failed",
        Type = ItemEventType.StateChanged,
        OccurredAt = report.At,
        Item = new NotificationItem
        {
            Id = report.ActionId.ToString("N"),
            Kind = "action",
            Title = $"Remote action {report.ActionId:N} on terminal {identity.TerminalId}",
            State = nameof(RemoteActionState.Failed),
            OrganizationId = identity.Organization,
        },
    };
}
