namespace PosFleet.Notifications.Engine;

/// <summary>A page of an organization's deliveries and skips, newest first.</summary>
/// <param name="Records">The records.</param>
/// <param name="Next">The cursor of the next (older) page, or <see langword="null"/> when this was the last.</param>
public sealed record NotificationDeliveryPage(IReadOnlyList<NotificationDeliveryRecord> Records, string? Next);
