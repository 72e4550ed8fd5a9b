namespace PosFleet.Notifications.Engine;

/// <summary>What the dispatcher made of one attempt at an outbox entry, as the store records it (and releases its claim).</summary>
/// <param name="Key">The entry's <see cref="NotificationOutboxEntry.Key"/>.</param>
/// <param name="State">Sent, failed for good, or still pending (retried at <paramref name="DueAt"/>).</param>
/// <param name="Attempts">How many attempts there were in all.</param>
/// <param name="DueAt">When it is due again, for a pending entry.</param>
/// <param name="Error">Why it failed, if it did.</param>
/// <param name="At">When the attempt ended.</param>
public sealed record NotificationAttempt(string Key, NotificationDeliveryState State, int Attempts, DateTimeOffset DueAt, string? Error, DateTimeOffset At);
