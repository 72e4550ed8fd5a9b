using PosFleet.Sync.Exchange;
using PosFleet.Sync.Outbox;

namespace PosFleet.Sync.Agent;

internal sealed partial class SyncAgent
{
    /// <summary>One sync: exchanges batch after batch while the back office acknowledges whole batches and more wait.</summary>
    private async Task<SyncOutcome> SyncAsync(CancellationToken cancellationToken)
    {
        int exchanges = 0, sent = 0, acknowledged = 0, rejected = 0;
        // The previous sync's error goes up once, in the first exchange that gets an answer: the back office adds it to
        // the history then, and later exchanges of this sync must not add it again. A refusal is the back office's own
        // word, already in its history. An error from after an exchange keeps the board red until the back office hears
        // that a sync completed cleanly: when this sync's only answered exchange carried one, one more exchange, without
        // a batch, says so now rather than at the next sync.
        var carried = _last is { Status: not (SyncOutcomeStatus.Succeeded or SyncOutcomeStatus.Refused) } last ? last : null;
        var confirming = false;
        while (true)
        {
            IReadOnlyList<OutboxMessage> batch;
            long depth;
            try
            {
                batch = confirming ? [] : await _outbox.PeekAsync(_options.MaxBatchMessages, _options.MaxBatchBytes, cancellationToken).ConfigureAwait(false);
                depth = await _outbox.CountAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                return Outcome(SyncOutcomeStatus.Failed, $"The outbox could not be read: {ex.Message}");
            }

            var request = new SyncRequest
            {
                TerminalId = _fleet.TerminalId!,
                Organization = _fleet.Organization,
                Heartbeat = new SyncHeartbeat
                {
                    ApplicationVersion = _options.ApplicationVersion,
                    LastUpdate = await LastUpdateAsync(cancellationToken).ConfigureAwait(false),
                    LastSync = _lastSucceededAt,
                    LastError = carried?.Error,
                    LastErrorAfterExchange = carried is { FailedAfterExchange: true },
                    OutboxDepth = depth,
                    OldestUnsentAge = batch.Count > 0 ? Max(_time.GetUtcNow() - batch[0].CreatedAt, TimeSpan.Zero) : null,
                    SyncInterval = Interval(),
                },
                Outbox = batch,
                ChangeCheckpoint = await ChangeCheckpointAsync(cancellationToken).ConfigureAwait(false),
                ConfigurationVersion = _configuration is null ? null : _configuration.Current?.Version ?? 0,
                ActionResults = await ActionReportsAsync(cancellationToken).ConfigureAwait(false),
                PackageReport = await PackageReportAsync(cancellationToken).ConfigureAwait(false),
            };

            SyncResponse response;
            try
            {
                response = await _transport.ExchangeAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (SyncExchangeException ex) when (ex.Status is SyncExchangeStatus.Unauthorized or SyncExchangeStatus.Forbidden)
            {
                return Outcome(SyncOutcomeStatus.Unauthorized, ex.Message);
            }
            catch (SyncExchangeException ex)
            {
                return Outcome(SyncOutcomeStatus.Failed, ex.Message);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Not reached, or the answer was lost: whatever the back office committed is acknowledged on the retry.
                return Outcome(SyncOutcomeStatus.Unreachable, $"The back office could not be reached: {ex.Message}");
            }

            exchanges++;
            sent += batch.Count;
            var redUntilConfirmed = carried is { FailedAfterExchange: true };
            carried = null;
            _suggestedInterval = response.NextInterval;
            if (response.Refusal is { } refusal)
            {
                return Outcome(SyncOutcomeStatus.Refused, refusal.Reason);
            }

            ApplyConfiguration(response);
            if (await ReceiveActionsAsync(response, cancellationToken).ConfigureAwait(false) is { } actionsError)
            {
                return FailedAfterExchange(actionsError);
            }

            if (await ImportChangesAsync(response, cancellationToken).ConfigureAwait(false) is { } importError)
            {
                return FailedAfterExchange(importError);
            }

            var sentIds = batch.Select(m => m.Id).ToHashSet();
            var accepted = (response.Acknowledged ?? []).Where(sentIds.Contains).Distinct().ToList();
            var rejections = (response.Rejected ?? []).Where(r => r is not null && sentIds.Contains(r.MessageId)).DistinctBy(r => r.MessageId).ToList();
            try
            {
                if (accepted.Count > 0)
                {
                    acknowledged += await _outbox.AcknowledgeAsync(accepted, cancellationToken).ConfigureAwait(false);
                }

                if (rejections.Count > 0)
                {
                    foreach (var rejection in rejections)
                    {
                        Log.MessageRejected(_logger, rejection.MessageId, batch.First(m => m.Id == rejection.MessageId).Type, rejection.Reason);
                    }

                    rejected += await _outbox.RejectAsync(rejections, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Still in the outbox: sent again and answered again, not applied again.
                return FailedAfterExchange($"The acknowledged messages could not be removed from the outbox: {ex.Message}");
            }

            // Only once the batch is acknowledged: an installer that stops the application, or a dialog left open at the
            // till, must not keep messages the back office already took in the outbox, to be sent again.
            await TakePackageOfferAsync(response, cancellationToken).ConfigureAwait(false);

            var answered = accepted.Count + rejections.Count;
            var outboxDone = batch.Count == 0 || answered < batch.Count || depth <= batch.Count;
            if ((outboxDone && response.Changes is not { HasMore: true } && !ActionsHaveMore) || exchanges >= _options.MaxExchangesPerSync)
            {
                if (!redUntilConfirmed)
                {
                    break;
                }

                confirming = true;
            }
            else
            {
                confirming = false;
            }
        }

        long? remaining = null;
        try
        {
            remaining = await _outbox.CountAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The count is for the report only.
        }

        return Outcome(SyncOutcomeStatus.Succeeded, null) with { Remaining = remaining };

        static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

        // The back office was reached and answered, then a step of the terminal failed: it shows the terminal red until
        // a sync completes cleanly, where an error before the exchange (unreachable) leaves red once an exchange goes through.
        SyncOutcome FailedAfterExchange(string error) => Outcome(SyncOutcomeStatus.Failed, error) with { FailedAfterExchange = true };

        SyncOutcome Outcome(SyncOutcomeStatus status, string? error) => new()
        {
            Status = status,
            CompletedAt = _time.GetUtcNow(),
            Exchanges = exchanges,
            Sent = sent,
            Acknowledged = acknowledged,
            Rejected = rejected,
            Error = error,
        };
    }
}
