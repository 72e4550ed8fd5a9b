namespace PosFleet.Notifications;

/// <summary>Records that a channel has a notifier, so that the router can name the registered channels in its errors.</summary>
internal sealed record NotifierRegistration(NotificationChannel Channel);
