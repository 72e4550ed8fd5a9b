using Microsoft.Extensions.Logging;

namespace PosFleet;

internal abstract partial class PeriodicPurgeService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Retention deleted {Deleted} {What} older than {OlderThan:O}.")]
        public static partial void Purged(ILogger logger, long deleted, string what, DateTimeOffset olderThan);

        [LoggerMessage(2, LogLevel.Error, "Retention of {What} failed; it tries again in {Interval}.")]
        public static partial void Failed(ILogger logger, string what, TimeSpan interval, Exception exception);
    }
}
