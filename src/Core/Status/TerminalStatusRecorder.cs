using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Exchange;

namespace PosFleet.Status;

/// <summary>
/// Keeps the heartbeat of every authenticated exchange as the terminal's latest status, with the organization and
/// terminal of its credential (never what the request claims). A refusal of the back office (a version too old) is
/// recorded as the terminal's sync error; the error a heartbeat carries from the previous exchange joins the history,
/// while the latest status is clear, since this exchange went through. A store that fails is logged and never fails
/// the exchange.
/// </summary>
internal sealed partial class TerminalStatusRecorder(
    ITerminalStatusStore store,
    IOptions<StatusOptions> options,
    TimeProvider time,
    ILogger<TerminalStatusRecorder> logger)
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
            if (refusal is null && carried is not null)
            {
                // The heartbeat carries the previous exchange's error, and this exchange went through: the error joins
                // the history, and the latest status is clear, so the board turns green now rather than one interval later.
                await store.RecordAsync(status, options.Value.MaxErrorsPerTerminal, cancellationToken).ConfigureAwait(false);
                status = status with { LastSyncError = null };
            }

            await store.RecordAsync(status, options.Value.MaxErrorsPerTerminal, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.RecordFailed(logger, identity.TerminalId, ex);
        }
    }

    /// <summary>An error text is the terminal's to write: kept to 4,000 characters.</summary>
    private static string Bound(string error) => error.Length <= 4000 ? error : string.Concat(error.AsSpan(0, 3999), "…");
}
