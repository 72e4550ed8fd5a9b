using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Diagnostics;

namespace PosFleet.Actions.Terminal;

/// <summary>
/// The terminal's part of an exchange, called by the sync agent: the reports waiting in the journal and the next
/// chunk of an upload go in the request; the response's acknowledgements delete those reports (or move the upload
/// on, or stop it when the back office refused it), and its deliveries are recorded in the journal, once each, for the runner.
/// A report the back office refused for good is deleted too, its reason logged as a warning.
/// </summary>
internal sealed partial class RemoteActionTerminalExchange(
    IRemoteActionJournal journal,
    RemoteActionRunner runner,
    IOptions<RemoteActionAgentOptions> options,
    TimeProvider time,
    ILogger<RemoteActionTerminalExchange> logger)
{
    private readonly RemoteActionAgentOptions _options = options.Value;
    private readonly Dictionary<Guid, (Guid ActionId, long End, long Length)> _chunks = [];

    /// <summary>Whether an upload still has chunks to send: the agent exchanges again in the same sync.</summary>
    public bool HasMore { get; private set; }

    public async ValueTask<IReadOnlyList<RemoteActionReport>> ReportsAsync(CancellationToken cancellationToken)
    {
        _chunks.Clear();
        HasMore = false;
        var reports = new List<RemoteActionReport>(await journal.PeekReportsAsync(_options.MaxReportsPerExchange, cancellationToken).ConfigureAwait(false));
        var uploading = await journal.ListAsync(RemoteActionEntryState.Uploading, cancellationToken).ConfigureAwait(false);
        if (uploading is [var entry, ..] && await ChunkAsync(entry, cancellationToken).ConfigureAwait(false) is { } chunk)
        {
            reports.Add(chunk);
        }

        return reports;
    }

    public async ValueTask ReceiveAsync(RemoteActionBatch? batch, CancellationToken cancellationToken)
    {
        if (batch is null)
        {
            return;
        }

        var recorded = new List<Guid>();
        foreach (var refusal in batch.Refusals ?? [])
        {
            if (refusal is null)
            {
                continue;
            }

            Log.Refused(logger, refusal.ActionId, DisplayText.Escape(refusal.Reason));
            if (_chunks.Remove(refusal.Id, out var chunk))
            {
                // The back office will not take this file (and failed the action if it still could): the upload stops,
                // its outcome goes up, and the next upload gets its turn.
                await journal.SetUploadedAsync(chunk.ActionId, chunk.End + 1, 0, cancellationToken).ConfigureAwait(false);
                HasMore = true;
                runner.TryDeleteWork(chunk.ActionId);
            }
        }

        foreach (var id in batch.Recorded ?? [])
        {
            if (_chunks.Remove(id, out var chunk))
            {
                await journal.SetUploadedAsync(chunk.ActionId, chunk.End, chunk.Length, cancellationToken).ConfigureAwait(false);
                // Exchange again: for the next chunk, or for the outcome the last one released.
                HasMore = true;
                if (chunk.End >= chunk.Length)
                {
                    runner.TryDeleteWork(chunk.ActionId);
                }
            }
            else
            {
                recorded.Add(id);
            }
        }

        if (recorded.Count > 0)
        {
            await journal.AcknowledgeReportsAsync(recorded, cancellationToken).ConfigureAwait(false);
        }

        var received = batch.Actions is { Count: > 0 } actions && await ReceiveDeliveriesAsync(actions, cancellationToken).ConfigureAwait(false);

        if (received)
        {
            runner.Signal();
        }
    }

    /// <summary>
    /// Records the delivered actions in the journal, once each, traced as a consumer (the back office's deliver span is
    /// its producer); whether any was new.
    /// </summary>
    private async ValueTask<bool> ReceiveDeliveriesAsync(IReadOnlyList<RemoteActionDelivery> actions, CancellationToken cancellationToken)
    {
        using var activity = PosFleetInstruments.Source.StartActivity("posfleet.action.deliver", ActivityKind.Consumer);
        activity?.SetTag("posfleet.action.delivered", actions.Count);
        var received = 0;
        try
        {
            foreach (var delivery in actions)
            {
                if (delivery is not null && delivery.Id != Guid.Empty && !string.IsNullOrEmpty(delivery.Name)
                    && await journal.ReceiveAsync(delivery, time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
                {
                    received++;
                }
            }

            // A delivery already in the journal (its response was lost before) is not run again.
            activity?.SetTag("posfleet.action.received", received);
            return received > 0;
        }
        catch (Exception ex)
        {
            PosFleetInstruments.Fail(activity, PosFleetInstruments.ErrorTypeOf(ex));
            throw;
        }
    }

    private async ValueTask<RemoteActionReport?> ChunkAsync(RemoteActionEntry entry, CancellationToken cancellationToken)
    {
        if (entry.UploadPath is not { } path || !File.Exists(path))
        {
            // The file is gone (a cleaned temporary folder): the outcome goes up without it.
            await journal.SetUploadedAsync(entry.Delivery.Id, entry.Uploaded + 1, 0, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            var length = file.Length;
            file.Position = Math.Min(entry.Uploaded, length);
            var buffer = new byte[(int)Math.Min(_options.UploadChunkBytes, length - file.Position)];
            await file.ReadExactlyAsync(buffer, cancellationToken).ConfigureAwait(false);
            var report = new RemoteActionReport
            {
                Id = Guid.CreateVersion7(time.GetUtcNow()),
                ActionId = entry.Delivery.Id,
                State = RemoteActionState.Running,
                At = time.GetUtcNow(),
                Attempt = entry.Attempt,
                Upload = new RemoteActionUploadChunk { Offset = entry.Uploaded, Data = buffer, TotalLength = length },
            };
            _chunks[report.Id] = (entry.Delivery.Id, entry.Uploaded + buffer.Length, length);
            return report;
        }
    }
}
