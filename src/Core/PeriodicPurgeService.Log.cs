using Microsoft.Extensions.Logging;

namespace PosFleet;

internal abstract partial class PeriodicPurgeService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Retention pass over {What}: {Deleted} {Done} (cut-off {OlderThan:O}).")]
        public static partial void Purged(ILogger logger, string what, long deleted, string done, DateTimeOffset olderThan);

        [LoggerMessage(2, LogLevel.Error, "Retention of {What} failed; it tries again in {Interval}.")]
        public static partial void Failed(ILogger logger, string what, TimeSpan interval, Exception exception);
    }
}
