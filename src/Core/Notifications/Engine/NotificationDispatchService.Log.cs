using Microsoft.Extensions.Logging;

namespace PosFleet.Notifications.Engine;

internal sealed partial class NotificationDispatchService
{
    [LoggerMessage(1, LogLevel.Error, "A notification dispatch pass failed; trying again at the next poll.")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
