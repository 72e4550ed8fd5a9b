using System.Globalization;
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
        var (recorded, refusals) = reports.Count == 0 ? ([], []) : await MeasuredReportAsync(identity, reports, cancellationToken).ConfigureAwait(false);
        var delivered = await MeasuredDeliverAsync(identity, cancellationToken).ConfigureAwait(false);
        return new RemoteActionBatch { Actions = [.. delivered.Select(RemoteActionDelivery.From)], Recorded = recorded, Refusals = refusals };
    }

    /// <summary>Records the terminal's reports; the ids acknowledged (recorded, upload ended, or refused) and the refusals with their reasons.</summary>
    private async ValueTask<(List<Guid> Recorded, List<RemoteActionRefusal> Refusals)> ReportAsync(TerminalIdentity identity, IReadOnlyList<RemoteActionReport> reports, CancellationToken cancellationToken)
    {
        var recorded = new List<Guid>(reports.Count);
        var refusals = new List<RemoteActionRefusal>();
        foreach (var report in reports)
        {
            if (report is null || report.Id == Guid.Empty)
            {
                continue;
            }

            var result = await RecordAsync(identity, report, cancellationToken).ConfigureAwait(false);
            if (result is RemoteActionRecordResult.Refused)
            {
                // Left unanswered, the terminal would send this report at every exchange for ever (and its later uploads
                // would wait behind a refused chunk): it is acknowledged with the reason, and no action changes for it.
                var reason = report.Upload is { } chunk
                    ? await RefuseUploadAsync(identity, report, chunk, cancellationToken).ConfigureAwait(false)
                    : await RefusalAsync(identity, report, cancellationToken).ConfigureAwait(false);
                refusals.Add(new RemoteActionRefusal { Id = report.Id, ActionId = report.ActionId, Reason = reason });
                Diagnostics.PosFleetInstruments.ActionReportsRefused.Add(1);
            }

            recorded.Add(report.Id);
        }

        return (recorded, refusals);
    }

    /// <summary>
    /// Why a report on no upload was refused. An action of another terminal or organization reads as unknown: the
    /// terminal learns nothing about actions that are not its own.
    /// </summary>
    private async ValueTask<string> RefusalAsync(TerminalIdentity identity, RemoteActionReport report, CancellationToken cancellationToken)
    {
        var action = await OwnActionAsync(identity, report.ActionId, cancellationToken).ConfigureAwait(false);
        var reason = action is null
            ? RemoteActionText.NotThisTerminals(report.ActionId)
            : RemoteActionText.CannotFollow(report.State, action.State);
        Log.Refused(logger, identity.TerminalId, report.ActionId, report.State, reason);
        return reason;
    }

    /// <summary>
    /// The action when it is this terminal's, in its organization; <see langword="null"/> when it is unknown or another
    /// terminal's, which a refusal reports alike.
    /// </summary>
    private async ValueTask<RemoteAction?> OwnActionAsync(TerminalIdentity identity, Guid actionId, CancellationToken cancellationToken)
    {
        var action = await store.GetAsync(identity.Organization, actionId, cancellationToken).ConfigureAwait(false);
        return action is not null && string.Equals(action.TerminalId, identity.TerminalId, StringComparison.Ordinal) ? action : null;
    }

    private async ValueTask<RemoteActionRecordResult> RecordAsync(TerminalIdentity identity, RemoteActionReport report, CancellationToken cancellationToken)
    {
        var bounded = report with
        {
            Detail = report.Detail is null ? null : RemoteActionText.Truncate(report.Detail, _options.MaxOutputChars),
            Output = report.Output is null ? null : RemoteActionText.Truncate(report.Output, _options.MaxOutputChars),
        };
        var result = await store.RecordAsync(identity.Organization, identity.TerminalId, bounded, _options.MaxUploadBytes, cancellationToken).ConfigureAwait(false);
        if (result is RemoteActionRecordResult.Refused)
        {
            return result;
        }

        if (result is RemoteActionRecordResult.Recorded && report.Upload is null)
        {
            Log.Reported(logger, report.ActionId, identity.TerminalId, report.State, report.Attempt);
            if (RemoteActionStates.IsDone(report.State))
            {
                CountResult(report.State);
            }
        }

        if (notifications is not null && report.State == RemoteActionState.Failed && report.Upload is null)
        {
            // Also on AlreadyRecorded: a publish lost to a crash after recording is made good by the re-sent report.
            await notifications.PublishAsync(FailedEvent(identity, report), cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    /// <summary>Why an upload chunk was refused; the action is recorded Failed ("upload refused: why") when it is this terminal's and still takes an outcome.</summary>
    private async ValueTask<string> RefuseUploadAsync(TerminalIdentity identity, RemoteActionReport report, RemoteActionUploadChunk chunk, CancellationToken cancellationToken)
    {
        var action = await OwnActionAsync(identity, report.ActionId, cancellationToken).ConfigureAwait(false);
        if (action is null)
        {
            var unknown = RemoteActionText.NotThisTerminals(report.ActionId);
            Log.UploadRefused(logger, report.ActionId, identity.TerminalId, unknown);
            return unknown;
        }

        var reason = UploadRefusal(action, chunk, _options.MaxUploadBytes);
        Log.UploadRefused(logger, report.ActionId, identity.TerminalId, reason);
        if (action.State is RemoteActionState.Delivered or RemoteActionState.Running)
        {
            var failed = new RemoteActionReport
            {
                Id = report.Id,
                ActionId = report.ActionId,
                State = RemoteActionState.Failed,
                At = time.GetUtcNow(),
                Attempt = report.Attempt,
                Detail = RemoteActionText.UploadRefused(reason),
            };
            await RecordAsync(identity, failed, cancellationToken).ConfigureAwait(false);
        }

        return reason;
    }

    private static string UploadRefusal(RemoteAction action, RemoteActionUploadChunk chunk, long maxUploadBytes)
    {
        var stored = action.UploadedBytes ?? 0;
        return action.State switch
        {
            not (RemoteActionState.Delivered or RemoteActionState.Running) => $"the action is {action.State} in the back office",
            _ when chunk.TotalLength > maxUploadBytes || chunk.Offset + chunk.Data.Length > maxUploadBytes =>
                string.Create(CultureInfo.InvariantCulture, $"the file of {chunk.TotalLength} bytes passes the back office's limit of {maxUploadBytes} bytes (RemoteActionOptions.MaxUploadBytes)"),
            _ => string.Create(CultureInfo.InvariantCulture, $"the chunk at offset {chunk.Offset} does not follow the {stored} bytes the back office holds"),
        };
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
