using Microsoft.Extensions.Logging;

namespace PosFleet.Sync.Agent;

internal sealed partial class SyncAgent
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Synced with the back office: {Exchanges} exchanges, {Acknowledged} outbox messages acknowledged, {Remaining} waiting.")]
        public static partial void Synced(ILogger logger, int exchanges, int acknowledged, long remaining);

        [LoggerMessage(2, LogLevel.Error, "The back office refused this terminal: {Reason}")]
        public static partial void Refused(ILogger logger, string reason);

        [LoggerMessage(3, LogLevel.Error, "The back office did not accept this terminal's credential: {Error}")]
        public static partial void Unauthorized(ILogger logger, string error);

        [LoggerMessage(4, LogLevel.Warning, "{Error}; the outbox keeps its messages.")]
        public static partial void Unreachable(ILogger logger, string error);

        [LoggerMessage(5, LogLevel.Error, "The sync failed on this terminal: {Error}")]
        public static partial void Failed(ILogger logger, string error);

        [LoggerMessage(6, LogLevel.Information, "Sync attempt {Attempt} failed; the next one is in {Delay}.")]
        public static partial void RetryIn(ILogger logger, TimeSpan delay, int attempt);

        [LoggerMessage(7, LogLevel.Error, "The back office rejected outbox message {MessageId} ('{Type}') for good and keeps it as a dead letter; it is moved to this terminal's rejected messages and the messages after it flow: {Reason}")]
        public static partial void MessageRejected(ILogger logger, Guid messageId, string type, string reason);
    }
}
