using Microsoft.Extensions.Logging;

namespace PosFleet.Digests;

internal sealed partial class DigestScheduler
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Digest scheduler pass: {Runs} runs, {Sent} sent.")]
        public static partial void PassFinished(ILogger logger, int runs, int sent);

        [LoggerMessage(2, LogLevel.Error, "Digest scheduler pass failed; it tries again at the next wake.")]
        public static partial void PassFailed(ILogger logger, Exception exception);
    }
}
