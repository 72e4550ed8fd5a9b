using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PosFleet.Sync.Enrolment;
using PosFleet.Sync.Inbox;

namespace PosFleet.Sync.Exchange;

/// <summary>
/// The back office's side of the exchange: authenticates the credential, refuses a request for another terminal or
/// organization than the credential's (nothing written), refuses terminals below the minimum versions, then applies
/// the outbox batch in order, each message in its own inbox transaction with the handler of its type. A message
/// already recorded is acknowledged without being applied again, so a replayed request gets the same acknowledgements
/// and writes nothing twice. A message no handler accepts (no handler for its type, or its handler threw
/// <see cref="OutboxMessageRejectedException"/>) is rejected for good: kept as a dead letter with its inbox record and
/// acknowledged with the reason. The first message that fails otherwise (the database is down) stops the batch,
/// keeping the terminal's order: it and the ones after it are not acknowledged and come again.
/// </summary>
internal sealed partial class SyncExchangeHandler(
    ITerminalRegistry registry,
    ISyncInboxStore inbox,
    IServiceProvider services,
    IOptions<SyncBackOfficeOptions> options,
    TimeProvider time,
    ILogger<SyncExchangeHandler> logger,
    Status.TerminalStatusRecorder? status = null) : ISyncExchangeHandler
{
    private readonly SyncBackOfficeOptions _options = options.Value;

    private async ValueTask<SyncExchangeResult> HandleCoreAsync(string? credential, SyncRequest request, CancellationToken cancellationToken)
    {
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
            await RecordStatusAsync(identity, request, refusal.Reason, cancellationToken).ConfigureAwait(false);
            return new(SyncExchangeStatus.Ok, new SyncResponse { Refusal = refusal, NextInterval = _options.SuggestedInterval, ServerTime = time.GetUtcNow() });
        }

        if (CheckBatch(request) is { } problem)
        {
            Log.BadRequest(logger, identity.TerminalId, problem);
            return new(SyncExchangeStatus.BadRequest, null, problem);
        }

        await RecordStatusAsync(identity, request, null, cancellationToken).ConfigureAwait(false);
        var (acknowledged, rejected) = await ApplyAsync(identity, request.Outbox, cancellationToken).ConfigureAwait(false);
        return new(SyncExchangeStatus.Ok, new SyncResponse
        {
            Acknowledged = acknowledged,
            Rejected = rejected,
            NextInterval = _options.SuggestedInterval,
            ServerTime = time.GetUtcNow(),
            Changes = await ExportChangesAsync(identity, request, cancellationToken).ConfigureAwait(false),
            Configuration = await ConfigurationAsync(identity, request, cancellationToken).ConfigureAwait(false),
            Actions = await ActionsAsync(identity, request, cancellationToken).ConfigureAwait(false),
            PackageOffer = await PackageOfferAsync(identity, request, cancellationToken).ConfigureAwait(false),
        });
    }

    /// <summary>Keeps the heartbeat as the terminal's status when the back office has <c>AddStatus</c>.</summary>
    private ValueTask RecordStatusAsync(TerminalIdentity identity, SyncRequest request, string? refusal, CancellationToken cancellationToken) =>
        status?.RecordAsync(identity, request, refusal, cancellationToken) ?? ValueTask.CompletedTask;

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
