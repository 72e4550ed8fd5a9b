using Microsoft.Extensions.Logging;

namespace PosFleet.Connectors.Http.Internal;

internal sealed partial class HttpSyncTransport
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "Exchanged with the back office: {Sent} outbox messages sent, {Acknowledged} acknowledged, in {ElapsedMs:F1} ms.")]
        public static partial void Exchanged(ILogger logger, int sent, int acknowledged, double elapsedMs);

        [LoggerMessage(2, LogLevel.Warning, "The back office did not accept the exchange (HTTP {Status}): {Problem}")]
        public static partial void NotAccepted(ILogger logger, int status, string problem);
    }
}
