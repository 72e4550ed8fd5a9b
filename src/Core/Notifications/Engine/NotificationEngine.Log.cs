using Microsoft.Extensions.Logging;

namespace PosFleet.Notifications.Engine;

internal sealed partial class NotificationEngine
{
    [LoggerMessage(1, LogLevel.Debug, "Item {Kind} {ItemId}: event {EventId} queued {Added} new notifications and skipped {Skipped} recipients.")]
    private static partial void LogPublished(ILogger logger, string kind, string itemId, string eventId, int added, int skipped);
}
