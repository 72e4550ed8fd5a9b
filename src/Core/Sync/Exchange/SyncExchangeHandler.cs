using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;
using PosFleet.Sync.Outbox;

namespace PosFleet.Sync.Exchange;

/// <summary>
/// The back office's side of the exchange: authenticates the credential, refuses a request for another terminal or
/// organization than the credential's (nothing written), refuses terminals below the minimum versions, then applies
/// the outbox batch in order, each message in its own inbox transaction with the handler of its type. A message
/// already recorded is acknowledged without being applied again, so a replayed request gets the same acknowledgements
/// and writes nothing twice. The first message that cannot be applied stops the batch, keeping the terminal's order:
/// it and the ones after it are not acknowledged and come again.
/// </summary>
internal sealed partial class SyncExchangeHandler(
    ITerminalRegistry registry,
    ISyncInboxStore inbox,
    IServiceProvider services,
    IOptions<SyncBackOfficeOptions> options,
    TimeProvider time,
    ILogger<SyncExchangeHandler> logger) : ISyncExchangeHandler
{
    private readonly SyncBackOfficeOptions _options = options.Value;

    public async ValueTask<SyncExchangeResult> HandleAsync(string? credential, SyncRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var identity = await registry.AuthenticateAsync(credential, cancellationToken).ConfigureAwait(false);
        if (identity is null)
        {
            Log.Unauthorized(logger, request.TerminalId);
            return new(SyncExchangeStatus.Unauthorized, null, "The credential is missing, unknown, revoked or wrong: enrol the terminal again.");
        }

        if (!string.Equals(request.TerminalId, identity.TerminalId, StringComparison.Ordinal)
            || (request.Organization is not null && !string.Equals(request.Organization, identity.Organization, StringComparison.Ordinal)))
        {
            Log.Forbidden(logger, identity.TerminalId, identity.Organization, request.TerminalId, request.Organization);
            return new(SyncExchangeStatus.Forbidden, null, $"This credential belongs to terminal {identity.TerminalId} of organization {identity.Organization}; it cannot be used for another terminal or organization.");
        }

        if (Refuse(request) is { } refusal)
        {
            Log.Refused(logger, identity.TerminalId, refusal.Reason);
            return new(SyncExchangeStatus.Ok, new SyncResponse { Refusal = refusal, NextInterval = _options.SuggestedInterval, ServerTime = time.GetUtcNow() });
        }

        if (CheckBatch(request) is { } problem)
        {
            Log.BadRequest(logger, identity.TerminalId, problem);
            return new(SyncExchangeStatus.BadRequest, null, problem);
        }

        var acknowledged = await ApplyAsync(identity, request.Outbox, cancellationToken).ConfigureAwait(false);
        return new(SyncExchangeStatus.Ok, new SyncResponse
        {
            Acknowledged = acknowledged,
            NextInterval = _options.SuggestedInterval,
            ServerTime = time.GetUtcNow(),
            Changes = await ExportChangesAsync(identity, request, cancellationToken).ConfigureAwait(false),
            Configuration = await ConfigurationAsync(identity, request, cancellationToken).ConfigureAwait(false),
            Actions = await ActionsAsync(identity, request, cancellationToken).ConfigureAwait(false),
        });
    }

    private async Task<List<Guid>> ApplyAsync(TerminalIdentity identity, IReadOnlyList<OutboxMessage> batch, CancellationToken cancellationToken)
    {
        var acknowledged = new List<Guid>(batch.Count);
        foreach (var message in batch)
        {
            var receivedAt = time.GetUtcNow();
            var transaction = await inbox.BeginAsync(cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                if (!await transaction.TryRecordAsync(new SyncInboxRecord(identity.TerminalId, message.Id, identity.Organization, receivedAt), cancellationToken).ConfigureAwait(false))
                {
                    acknowledged.Add(message.Id);
                    continue;
                }

                var handler = services.GetKeyedService<IOutboxMessageHandler>(message.Type);
                if (handler is null)
                {
                    Log.NoHandler(logger, identity.TerminalId, message.Id, message.Type);
                    break;
                }

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
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    Log.HandlerFailed(logger, identity.TerminalId, message.Id, message.Type, ex);
                    break;
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                acknowledged.Add(message.Id);
            }
        }

        return acknowledged;
    }

    private SyncRefusal? Refuse(SyncRequest request)
    {
        if (request.ProtocolVersion < _options.MinimumProtocolVersion)
        {
            return new(SyncRefusalCode.ProtocolVersionTooOld, $"Only terminals speaking sync protocol {_options.MinimumProtocolVersion} and later are accepted; this one speaks {request.ProtocolVersion}: update it.");
        }

        if (_options.MinimumApplicationVersion is { } minimumText && ApplicationVersion.TryParse(minimumText, out var minimum))
        {
            var stated = request.Heartbeat?.ApplicationVersion;
            if (!ApplicationVersion.TryParse(stated, out var version))
            {
                return new(SyncRefusalCode.ApplicationVersionTooOld, $"Only terminals of version {minimumText} and later are accepted; this one's version '{stated}' cannot be read as one.");
            }

            if (version < minimum)
            {
                return new(SyncRefusalCode.ApplicationVersionTooOld, $"Only terminals of version {minimumText} and later are accepted; this one runs {stated}: update it.");
            }
        }

        return null;
    }

    private string? CheckBatch(SyncRequest request)
    {
        if (request.Heartbeat is null || request.Outbox is null)
        {
            return "The request has no heartbeat or its outbox is null (send an empty list).";
        }

        if (request.Outbox.Count > _options.MaxBatchMessages)
        {
            return $"The request carries {request.Outbox.Count} outbox messages; at most {_options.MaxBatchMessages} are accepted in one exchange.";
        }

        foreach (var message in request.Outbox)
        {
            if (message is null || message.Id == Guid.Empty || string.IsNullOrWhiteSpace(message.Type))
            {
                return "An outbox message of the request has no id or no type.";
            }
        }

        return null;
    }
}
