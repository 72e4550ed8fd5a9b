using Microsoft.Extensions.Logging;

namespace PosFleet.AspNetCore.Internal;

internal sealed partial class SyncEndpoint
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "A sync request from {RemoteAddress} was refused as unauthorized (credential missing: {Missing}).")]
        public static partial void Unauthorized(ILogger logger, string? remoteAddress, bool missing);

        [LoggerMessage(2, LogLevel.Warning, "A sync request body of {Length} bytes was refused: at most {Limit} bytes are accepted.")]
        public static partial void TooLarge(ILogger logger, long? length, long limit);

        [LoggerMessage(3, LogLevel.Warning, "A sync request body was refused as malformed: {Problem}")]
        public static partial void Malformed(ILogger logger, string problem);
    }
}
