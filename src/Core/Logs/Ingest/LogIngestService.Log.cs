using Microsoft.Extensions.Logging;

namespace PosFleet.Logs.Ingest;

internal sealed partial class LogIngestService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Log ingest service started: {Paths} (follow: {Follow}, every {PollInterval}).")]
        public static partial void Starting(ILogger logger, string paths, bool follow, TimeSpan pollInterval);

        [LoggerMessage(2, LogLevel.Information, "Log ingest service stopped; {NewEntries} new entries were stored, everything read is committed.")]
        public static partial void Stopped(ILogger logger, long newEntries);

        [LoggerMessage(3, LogLevel.Error, "Log ingest failed; it starts again from the stored checkpoints in {PollInterval}.")]
        public static partial void Failed(ILogger logger, TimeSpan pollInterval, Exception exception);
    }
}
