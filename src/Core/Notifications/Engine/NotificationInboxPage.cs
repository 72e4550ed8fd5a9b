namespace PosFleet.Notifications.Engine;

/// <summary>A page of an inbox, newest first.</summary>
/// <param name="Entries">The entries.</param>
/// <param name="NextBefore">The cursor of the next (older) page, or <see langword="null"/> when this was the last.</param>
public sealed record NotificationInboxPage(IReadOnlyList<NotificationInboxEntry> Entries, long? NextBefore);
