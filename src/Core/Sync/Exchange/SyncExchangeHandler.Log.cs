using Microsoft.Extensions.Logging;

namespace PosFleet.Sync.Exchange;

internal sealed partial class SyncExchangeHandler
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A sync request for terminal {TerminalId} was refused: its credential is missing, unknown, revoked or wrong.")]
        public static partial void Unauthorized(ILogger logger, string? terminalId);

        [LoggerMessage(2, LogLevel.Warning, "Terminal {TerminalId} of organization {Organization} presented its credential for terminal {ClaimedTerminalId} of organization {ClaimedOrganization}; the request was refused and nothing was written.")]
        public static partial void Forbidden(ILogger logger, string terminalId, string organization, string? claimedTerminalId, string? claimedOrganization);

        [LoggerMessage(3, LogLevel.Warning, "Terminal {TerminalId} was refused: {Reason}")]
        public static partial void Refused(ILogger logger, string terminalId, string reason);

        [LoggerMessage(4, LogLevel.Warning, "A sync request of terminal {TerminalId} was refused as malformed: {Problem}")]
        public static partial void BadRequest(ILogger logger, string terminalId, string problem);

        [LoggerMessage(6, LogLevel.Error, "Outbox message {MessageId} ('{Type}') of terminal {TerminalId} could not be applied (a failure that may pass; a handler rejects an invalid message with OutboxMessageRejectedException); nothing of it was committed, and it and the messages after it come again at the next exchange.")]
        public static partial void HandlerFailed(ILogger logger, string terminalId, Guid messageId, string type, Exception exception);

        [LoggerMessage(7, LogLevel.Warning, "Outbox message {MessageId} ('{Type}') of terminal {TerminalId} was rejected by its handler as invalid: {Reason}")]
        public static partial void HandlerRejected(ILogger logger, string terminalId, Guid messageId, string type, string reason);

        [LoggerMessage(8, LogLevel.Error, "Outbox message {MessageId} ('{Type}') of terminal {TerminalId} is kept as a dead letter and acknowledged with the reason; the messages after it flow: {Reason}")]
        public static partial void DeadLettered(ILogger logger, string terminalId, Guid messageId, string type, string reason);
    }
}
