using PosFleet.Notifications;

namespace PosFleet.Connectors.WebPush.Internal;

internal static class WebPushChannel
{
    public static NotificationChannel Push { get; } = new("push");
}
