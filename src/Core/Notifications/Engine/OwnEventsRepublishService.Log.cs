using Microsoft.Extensions.Logging;

namespace PosFleet.Notifications.Engine;

internal sealed partial class OwnEventsRepublishService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "{Source} published {Count} own events again from its stored state (those already notified add nothing).")]
        public static partial void Republished(ILogger logger, string source, int count);

        [LoggerMessage(2, LogLevel.Warning, "{Source} could not publish its own events again from its stored state; the next start tries again.")]
        public static partial void RepublishFailed(ILogger logger, string source, Exception exception);
    }
}
