using Microsoft.Extensions.Logging;

namespace PosFleet.Notifications.Engine;

internal sealed partial class OwnEventsRepublishService
{
    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Debug, "{Source} published {Count} own events again from its stored state (those already notified add nothing).")]
        public static partial void Republished(ILogger logger, string source, int count);

        [LoggerMessage(2, LogLevel.Warning, "{Source} could not read its stored state to publish its own events again; the next start tries again.")]
        public static partial void ListFailed(ILogger logger, string source, Exception exception);

        [LoggerMessage(3, LogLevel.Warning, "{Source} could not publish its own event {EventId} again; the others go on, and the next start tries it again.")]
        public static partial void PublishFailed(ILogger logger, string source, string eventId, Exception exception);

        [LoggerMessage(4, LogLevel.Warning, "{Source} published {Published} own events again from its stored state; {Failed} could not be published, the next start tries them again.")]
        public static partial void RepublishedWithFailures(ILogger logger, string source, int published, int failed);
    }
}
