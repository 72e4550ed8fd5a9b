using Microsoft.Extensions.DependencyInjection;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Sync.Exchange;

internal sealed partial class SyncExchangeHandler
{
    /// <summary>The longest rejection reason kept and sent back; a handler's exception message can be long.</summary>
    private const int MaxReasonLength = 2000;

    /// <summary>
    /// Applies the batch in order, each message in its own inbox transaction. Returns the ids acknowledged as applied
    /// and the messages rejected for good with their reasons — for a replayed message, what was decided the first time.
    /// </summary>
    private async Task<(List<Guid> Acknowledged, List<OutboxRejection> Rejected)> ApplyAsync(
        TerminalIdentity identity, IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var acknowledged = new List<Guid>(batch.Count);
        var rejected = new List<OutboxRejection>();
        foreach (var message in batch)
        {
            var receivedAt = time.GetUtcNow();
            var record = new SyncInboxRecord(identity.TerminalId, message.Id, identity.Organization, receivedAt);
            string? reason;
            var transaction = await inbox.BeginAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (!await transaction.TryRecordAsync(record, cancellationToken).ConfigureAwait(false))
                {
                    reason = null;
                }
                else if (services.GetKeyedService<IOutboxMessageHandler>(message.Type) is not { } handler)
                {
                    // Nothing was written: the dead letter goes in this very transaction.
                    reason = $"No handler is registered on the back office for outbox messages of type '{message.Type}' (AddOutboxMessageHandler).";
                    await RecordDeadLetterAsync(transaction, identity, message, reason, receivedAt, cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    rejected.Add(new(message.Id, reason));
                    continue;
                }
                else
                {
                    try
                    {
                        var context = new OutboxMessageContext
                        {
                            TerminalId = identity.TerminalId,
                            Organization = identity.Organization,
                            Connection = transaction.Connection,
                            Transaction = transaction.Transaction,
                            ReceivedAt = receivedAt,
                        };
                        await handler.HandleAsync(context, message, cancellationToken).ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        acknowledged.Add(message.Id);
                        continue;
                    }
                    catch (OutboxMessageRejectedException ex)
                    {
                        // What the handler wrote goes with this transaction; the dead letter gets one of its own below.
                        reason = Shorten(ex.Message);
                        Log.HandlerRejected(logger, identity.TerminalId, message.Id, message.Type, reason);
                    }
                    catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                    {
                        Log.HandlerFailed(logger, identity.TerminalId, message.Id, message.Type, ex);
                        break;
                    }
                }
            }

            if (reason is null || !await RecordRejectionAsync(identity, message, record, reason, cancellationToken).ConfigureAwait(false))
            {
                // Recorded before (a replayed request): the same answer as the first time.
                var deadLetter = await inbox.FindDeadLetterAsync(identity.TerminalId, message.Id, cancellationToken).ConfigureAwait(false);
                if (deadLetter is null)
                {
                    acknowledged.Add(message.Id);
                }
                else
                {
                    rejected.Add(new(message.Id, deadLetter.Reason));
                }

                continue;
            }

            rejected.Add(new(message.Id, reason));
        }

        return (acknowledged, rejected);
    }

    /// <summary>Records the inbox record and the dead letter in a new transaction; <see langword="false"/> when the message was recorded meanwhile.</summary>
    private async Task<bool> RecordRejectionAsync(TerminalIdentity identity, OutboxMessage message, SyncInboxRecord record, string reason, CancellationToken cancellationToken)
    {
        var transaction = await inbox.BeginAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            if (!await transaction.TryRecordAsync(record, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            await RecordDeadLetterAsync(transaction, identity, message, reason, record.ReceivedAt, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
    }

    private async Task RecordDeadLetterAsync(
        ISyncInboxTransaction transaction, TerminalIdentity identity, OutboxMessage message, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        Log.DeadLettered(logger, identity.TerminalId, message.Id, message.Type, reason);
        await transaction.RecordDeadLetterAsync(
            new SyncDeadLetter(identity.TerminalId, message.Id, identity.Organization, message.Type, message.Payload.GetRawText(), reason, at),
            cancellationToken).ConfigureAwait(false);
    }

    private static string Shorten(string reason) =>
        string.IsNullOrWhiteSpace(reason) ? "The handler rejected the message as invalid (no reason given)."
        : reason.Length <= MaxReasonLength ? reason
        : string.Concat(reason.AsSpan(0, MaxReasonLength), "…");
}
