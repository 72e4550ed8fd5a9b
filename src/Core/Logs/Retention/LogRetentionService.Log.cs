using Microsoft.Extensions.Logging;

namespace PosFleet.Logs.Retention;

internal sealed partial class LogRetentionService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Log retention deleted {Deleted} entries older than {OlderThan:O}.")]
        public static partial void Deleted(ILogger logger, long deleted, DateTimeOffset olderThan);

        [LoggerMessage(2, LogLevel.Error, "Log retention of the entries older than {OlderThan:O} failed; it tries again in {Interval}.")]
        public static partial void Failed(ILogger logger, DateTimeOffset olderThan, TimeSpan interval, Exception exception);

        [LoggerMessage(3, LogLevel.Debug, "Log retention has no period: every entry is kept.")]
        public static partial void KeepingEverything(ILogger logger);
    }
}
