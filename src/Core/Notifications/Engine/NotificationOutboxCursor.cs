namespace PosFleet.Notifications.Engine;

/// <summary>
/// A position in the newest-first order of outbox entries and skips, which is (time, key) descending: a query with it
/// lists only the records older than <see cref="At"/>, or as old with a key that sorts (ordinally) before <see cref="Key"/>.
/// Records added after the position, being newer, never shift a page that follows it.
/// </summary>
/// <param name="At">The time of the last record of the previous page (<see cref="NotificationOutboxEntry.CreatedAt"/> or <see cref="NotificationSkip.At"/>).</param>
/// <param name="Key">That record's key.</param>
public sealed record NotificationOutboxCursor(DateTimeOffset At, string Key);
