using Microsoft.Extensions.Logging;

namespace PosFleet.Sync.Inbox;

internal sealed partial class SyncInboxRetentionService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Sync inbox retention deleted {Deleted} records of messages received before {OlderThan:O}.")]
        public static partial void Purged(ILogger logger, long deleted, DateTimeOffset olderThan);

        [LoggerMessage(2, LogLevel.Error, "Sync inbox retention failed; it tries again in {Interval}.")]
        public static partial void Failed(ILogger logger, TimeSpan interval, Exception exception);
    }
}
