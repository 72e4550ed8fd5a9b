using Microsoft.Extensions.Logging;

namespace PosFleet.Notifications.Engine;

internal sealed partial class NotificationDispatcher
{
    [LoggerMessage(1, LogLevel.Error, "The {Channel} notifier threw sending {Key}; it will be tried again.")]
    private static partial void LogSendThrew(ILogger logger, Exception exception, string channel, string key);

    [LoggerMessage(2, LogLevel.Warning, "Notification {Key} failed (attempt {Attempt}); retrying in {Delay}: {Reason}")]
    private static partial void LogRetry(ILogger logger, string key, int attempt, TimeSpan delay, string? reason);

    [LoggerMessage(3, LogLevel.Error, "Notification {Key} failed for good after {Attempts} attempts: {Reason}")]
    private static partial void LogFailed(ILogger logger, string key, int attempts, string? reason);

    [LoggerMessage(4, LogLevel.Warning, "{Count} claimed notification(s) from {Key} on were claimed by another dispatcher after this one's lease lapsed; left to it.")]
    private static partial void LogClaimLost(ILogger logger, int count, string key);
}
