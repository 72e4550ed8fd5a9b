using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Notifications.Items;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;

namespace PosFleet.Status;

/// <summary>
/// Keeps the heartbeat of every authenticated exchange as the terminal's latest status, with the organization and
/// terminal of its credential (never what the request claims). A refusal of the back office (a version too old) is
/// recorded as the terminal's sync error. The error a heartbeat carries from the previous sync joins the history (beside
/// a refusal of this exchange, not instead of it); when that sync failed after reaching the back office (its import,
/// actions or acknowledgement) it stays the latest status, red until the terminal says a sync completed cleanly, and
/// otherwise (the back office was not reached) the latest status is clear, since this exchange went through. A store that fails is logged and never fails the exchange. When the notification engine is registered, a terminal turning red on the status board (a refusal
/// after none) is published as an item event of kind <c>terminal</c>, once per transition.
/// </summary>
internal sealed partial class TerminalStatusRecorder(
    ITerminalStatusStore store,
    IOptions<StatusOptions> options,
    TimeProvider time,
    ILogger<TerminalStatusRecorder> logger,
    IItemEventPublisher? notifications = null)
{
    public async ValueTask RecordAsync(TerminalIdentity identity, SyncRequest request, string? refusal, CancellationToken cancellationToken)
    {
        if (request.Heartbeat is not { } heartbeat)
        {
            return;
        }

        var carried = string.IsNullOrWhiteSpace(heartbeat.LastError) ? null : Bound(heartbeat.LastError);
        var status = new TerminalStatus
        {
            TerminalId = identity.TerminalId,
            Organization = identity.Organization,
            ApplicationVersion = heartbeat.ApplicationVersion ?? "",
            LastUpdate = heartbeat.LastUpdate,
            LastSync = heartbeat.LastSync,
            LastSyncError = refusal ?? carried,
            OutboxDepth = Math.Max(0, heartbeat.OutboxDepth),
            OldestUnsentAge = heartbeat.OldestUnsentAge is { } age && age >= TimeSpan.Zero ? age : null,
            SyncInterval = heartbeat.SyncInterval is { } interval && interval > TimeSpan.Zero ? interval : null,
            ReceivedAt = time.GetUtcNow(),
        };
        try
        {
            // The previous sync's error joins the history once, in the exchange that carries it (a terminal carries it
            // in one exchange only). It stays the latest status, red, when it came after an exchange and nothing else
            // happened here; otherwise this exchange's own state follows at once: clear, since it went through (the
            // board turns green now rather than one interval later), or the refusal, which is this exchange's error.
            var final = carried is not null && (refusal is not null || !heartbeat.LastErrorAfterExchange)
                ? status with { LastSyncError = refusal }
                : status;
            if (notifications is not null && final.LastSyncError is not null)
            {
                // Published before recording, so a crash in between is made good by the next failing heartbeat, which
                // finds the same last status and so publishes the same event id (taken once).
                await PublishIfTurnedRedAsync(notifications, final, cancellationToken).ConfigureAwait(false);
            }

            if (!ReferenceEquals(final, status))
            {
                await store.RecordAsync(status with { LastSyncError = carried }, options.Value.MaxErrorsPerTerminal, cancellationToken).ConfigureAwait(false);
            }

            await store.RecordAsync(final, options.Value.MaxErrorsPerTerminal, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.RecordFailed(logger, identity.TerminalId, ex);
        }
    }

    private async ValueTask PublishIfTurnedRedAsync(IItemEventPublisher publisher, TerminalStatus status, CancellationToken cancellationToken)
    {
        var previous = await store.GetAsync(status.TerminalId, cancellationToken).ConfigureAwait(false);
        if (previous is { LastSyncError: not null })
        {
            return; // red already: no transition
        }

        // The transition is named by the last status before it (none for a terminal whose first exchange failed).
        var since = previous?.ReceivedAt.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "first";
        await publisher.PublishAsync(
            new ItemEvent
            {
                EventId = $"terminal:{status.Organization}:{status.TerminalId}:red-after:{since}",
                Type = ItemEventType.StateChanged,
                OccurredAt = status.ReceivedAt,
                Item = new NotificationItem
                {
                    Id = status.TerminalId,
                    Kind = "terminal",
                    Title = $"Terminal {status.TerminalId}: {status.LastSyncError}",
                    State = nameof(TerminalHealth.Red),
                    OrganizationId = status.Organization,
                },
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An error text is the terminal's to write: kept to 4,000 characters.</summary>
    private static string Bound(string error) => error.Length <= 4000 ? error : string.Concat(error.AsSpan(0, 3999), "…");
}
