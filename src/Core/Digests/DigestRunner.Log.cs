using Microsoft.Extensions.Logging;

namespace PosFleet.Digests;

internal sealed partial class DigestRunner
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Digest '{Subscription}' for the window ending {WindowEnd:o}: {Count} errors, below the threshold of {Threshold}; nothing sent.")]
        public static partial void BelowThreshold(ILogger logger, string subscription, DateTimeOffset windowEnd, long count, int threshold);

        [LoggerMessage(2, LogLevel.Information, "Digest '{Subscription}' for the window ending {WindowEnd:o}: {Count} errors; {Status}, {Sent} of {Recipients} recipients sent.")]
        public static partial void Sent(ILogger logger, string subscription, DateTimeOffset windowEnd, long count, DigestRunStatus status, int sent, int recipients);

        [LoggerMessage(3, LogLevel.Debug, "Digest '{Subscription}' for the window ending {WindowEnd:o} skipped: its run is {Status}.")]
        public static partial void RunSkipped(ILogger logger, string subscription, DateTimeOffset windowEnd, DigestRunStatus? status);

        [LoggerMessage(4, LogLevel.Warning, "Digest '{Subscription}' for the window ending {WindowEnd:o}: counting or rendering failed; the run stays pending.")]
        public static partial void CountFailed(ILogger logger, string subscription, DateTimeOffset windowEnd, Exception exception);

        [LoggerMessage(5, LogLevel.Warning, "Digest '{Subscription}' for the window ending {WindowEnd:o}: {Owner} lost its claim before recording the outcome (its lease ran out); the ledger keeps the other host's record.")]
        public static partial void ClaimLost(ILogger logger, string subscription, DateTimeOffset windowEnd, string owner);

        [LoggerMessage(6, LogLevel.Error, "Digest '{Subscription}' for the window ending {WindowEnd:o} failed unexpectedly; it is retried after its lease.")]
        public static partial void RunCrashed(ILogger logger, string subscription, DateTimeOffset windowEnd, Exception exception);

        [LoggerMessage(7, LogLevel.Error, "Digest '{Subscription}' for the window ending {WindowEnd:o} was not delivered, and publishing that as a notification failed.")]
        public static partial void PublishFailed(ILogger logger, string subscription, DateTimeOffset windowEnd, Exception exception);
    }
}
